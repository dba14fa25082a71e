package dev.trellis.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Photo-sized scenes for the performance benchmark: 1024×768 JPEGs (quality 0.9) of a shaded, grainy
 * backdrop with two or three signs on it, one above the other. They stand in for the street photos a
 * user uploads (no photo can be fetched on these machines): a camera's size, so the detector's input is
 * ≈ 9 MB of floats as with a photo, and JPEG's artefacts on every edge; each sign's lines are known, so
 * every answer is checked. The noise is seeded: the same bytes every run.
 */
final class SceneImages {

    static final int WIDTH = 1024;
    static final int HEIGHT = 768;

    private record Sign(int x, int y, Color background, Color foreground, String font, int style, int size,
            List<String> lines) {}

    private static final List<List<Sign>> SCENES = List.of(
            List.of(new Sign(80, 90, new Color(190, 20, 30), Color.WHITE, Font.SANS_SERIF, Font.BOLD, 56,
                            List.of("CITY BAKERY")),
                    new Sign(420, 380, Color.WHITE, new Color(20, 20, 20), Font.SANS_SERIF, Font.PLAIN, 40,
                            List.of("Open 7 to 19", "Bread $2.40"))),
            List.of(new Sign(140, 120, new Color(20, 90, 40), Color.WHITE, Font.SANS_SERIF, Font.BOLD, 60,
                            List.of("EXIT 24")),
                    new Sign(300, 330, new Color(250, 220, 40), Color.BLACK, Font.SANS_SERIF, Font.BOLD, 44,
                            List.of("SLOW DOWN")),
                    new Sign(520, 560, Color.WHITE, new Color(10, 30, 100), Font.SERIF, Font.PLAIN, 36,
                            List.of("Parking 3 EUR"))),
            List.of(new Sign(60, 160, new Color(240, 235, 220), new Color(60, 30, 10), Font.SERIF, Font.BOLD, 50,
                            List.of("Fresh Fish Market")),
                    new Sign(380, 430, new Color(30, 30, 30), new Color(250, 240, 200), Font.MONOSPACED,
                            Font.BOLD, 40, List.of("Cod 12.90", "Tuna 19.50"))),
            List.of(new Sign(200, 100, new Color(10, 40, 120), Color.WHITE, Font.SANS_SERIF, Font.BOLD, 48,
                            List.of("Platform 12")),
                    new Sign(100, 360, Color.WHITE, Color.BLACK, Font.SANS_SERIF, Font.PLAIN, 38,
                            List.of("Departs 10:45", "Gate B7"))));

    private SceneImages() {}

    /** The scenes, in a fixed order, as labels: their JPEG bytes and the lines of their signs, top to bottom. */
    static List<LabelImages.Label> render() {
        List<LabelImages.Label> scenes = new ArrayList<>();
        for (int i = 0; i < SCENES.size(); i++) {
            scenes.add(render(SCENES.get(i), new Random(20261201L + i)));
        }
        return scenes;
    }

    private static LabelImages.Label render(List<Sign> signs, Random random) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        paintBackdrop(image, random);
        Graphics2D g = image.createGraphics();
        List<String> lines = new ArrayList<>();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (Sign sign : signs) {
                paint(g, sign);
                lines.addAll(sign.lines());
            }
        } finally {
            g.dispose();
        }
        return new LabelImages.Label(List.copyOf(lines), jpeg(image), WIDTH, HEIGHT);
    }

    /** A wall: a vertical shade from grey-blue to brown with grain, as a photo's background has. */
    private static void paintBackdrop(BufferedImage image, Random random) {
        for (int y = 0; y < HEIGHT; y++) {
            double t = (double) y / HEIGHT;
            int r = (int) (120 + 40 * t);
            int g = (int) (130 - 20 * t);
            int b = (int) (150 - 60 * t);
            for (int x = 0; x < WIDTH; x++) {
                int grain = (int) (random.nextGaussian() * 6);
                image.setRGB(x, y, clamp(r + grain) << 16 | clamp(g + grain) << 8 | clamp(b + grain));
            }
        }
    }

    private static void paint(Graphics2D g, Sign sign) {
        Font font = new Font(sign.font(), sign.style(), sign.size());
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int lineHeight = (int) Math.ceil(metrics.getHeight() * 1.3);
        int width = sign.lines().stream().mapToInt(metrics::stringWidth).max().orElseThrow() + sign.size();
        int height = lineHeight * sign.lines().size() + sign.size() / 2;
        if (sign.x() + width > WIDTH || sign.y() + height > HEIGHT) {
            throw new IllegalStateException("The sign " + sign.lines() + " does not fit the scene");
        }
        g.setColor(sign.background());
        g.fillRoundRect(sign.x(), sign.y(), width, height, 16, 16);
        g.setColor(sign.foreground());
        for (int i = 0; i < sign.lines().size(); i++) {
            int baseline = sign.y() + sign.size() / 4 + i * lineHeight + (lineHeight - metrics.getHeight()) / 2
                    + metrics.getAscent();
            g.drawString(sign.lines().get(i), sign.x() + sign.size() / 2, baseline);
        }
    }

    private static int clamp(int channel) {
        return Math.max(0, Math.min(255, channel));
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
