package dev.trellis.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The pipeline benchmark's uploads: eight labels of known text, drawn with Java2D in logical fonts
 * (present on every JDK, no display needed), one to three lines, 400 to 800 pixels wide, encoded as PNG.
 * The same bytes go to every variant.
 */
final class LabelImages {

    /**
     * One upload.
     *
     * @param lines the text drawn, a line each: what a variant must read back
     * @param png the image
     * @param width its width in pixels
     * @param height its height
     */
    record Label(List<String> lines, byte[] png, int width, int height) {}

    private record Design(int width, String font, int style, int size, double degrees, Color background,
            Color foreground, List<String> lines) {}

    private static final List<Design> DESIGNS = List.of(
            new Design(480, Font.SANS_SERIF, Font.PLAIN, 52, 0, Color.WHITE, Color.BLACK,
                    List.of("HELLO 2026")),
            new Design(640, Font.SANS_SERIF, Font.BOLD, 44, 0, new Color(255, 220, 40), new Color(20, 40, 110),
                    List.of("SALE 50% OFF", "Price $12.99")),
            new Design(560, Font.SERIF, Font.PLAIN, 46, 2, new Color(245, 235, 215), new Color(90, 50, 20),
                    List.of("Fresh Bread", "Baked Daily")),
            new Design(400, Font.SANS_SERIF, Font.BOLD, 56, 0, new Color(0, 120, 60), Color.WHITE,
                    List.of("EXIT 12")),
            new Design(720, Font.SANS_SERIF, Font.PLAIN, 40, 0, Color.WHITE, new Color(30, 30, 30),
                    List.of("Gate B7", "Boarding 10:45", "Seat 14C")),
            new Design(440, Font.MONOSPACED, Font.BOLD, 44, -2, new Color(230, 240, 255), new Color(10, 30, 90),
                    List.of("Room 204")),
            new Design(600, Font.SANS_SERIF, Font.PLAIN, 44, 0, new Color(40, 30, 30), new Color(250, 240, 220),
                    List.of("Coffee $3.50", "Tea $2.80")),
            new Design(800, Font.SANS_SERIF, Font.PLAIN, 38, 0, Color.WHITE, Color.BLACK,
                    List.of("Order 58213", "Ship 2026-03-14", "Total $149.00")));

    private LabelImages() {}

    /** The eight labels, in a fixed order. */
    static List<Label> render() {
        return DESIGNS.stream().map(LabelImages::render).toList();
    }

    private static Label render(Design design) {
        Font font = new Font(design.font(), design.style(), design.size());
        FontMetrics metrics = metrics(font);
        int lineHeight = (int) Math.ceil(metrics.getHeight() * 1.3);
        int textHeight = lineHeight * design.lines().size();
        int textWidth = design.lines().stream().mapToInt(metrics::stringWidth).max().orElseThrow();
        if (textWidth > design.width() - design.size()) {
            throw new IllegalStateException("The label " + design.lines() + " is " + textWidth
                    + " pixels wide and does not fit a " + design.width() + "-pixel image with its margins");
        }
        int height = textHeight + 2 * design.size();
        BufferedImage image = new BufferedImage(design.width(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(design.background());
            g.fillRect(0, 0, design.width(), height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.transform(AffineTransform.getRotateInstance(Math.toRadians(design.degrees()), design.width() / 2.0,
                    height / 2.0));
            g.setFont(font);
            g.setColor(design.foreground());
            int left = (design.width() - textWidth) / 2;
            int top = (height - textHeight) / 2;
            for (int i = 0; i < design.lines().size(); i++) {
                int baseline = top + i * lineHeight + (lineHeight - metrics.getHeight()) / 2 + metrics.getAscent();
                g.drawString(design.lines().get(i), left, baseline);
            }
        } finally {
            g.dispose();
        }
        return new Label(design.lines(), png(image), design.width(), height);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
