package dev.trellis.samples.tagging;

import dev.trellis.samples.tagging.ocr.RgbImage;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Images of known text, drawn with Java2D, for tests that check what OCR reads back: lines of text in a
 * logical font (present on every JDK), on a background, optionally turned a few degrees, with a margin
 * around them as a photo of a sign or label would have.
 */
public final class TextImages {

    /**
     * How the text looks.
     *
     * @param font a logical font family: {@link Font#SANS_SERIF}, {@link Font#SERIF}, {@link Font#MONOSPACED}, …
     * @param fontStyle {@link Font#PLAIN}, {@link Font#BOLD}, …
     * @param size the font size in pixels
     * @param degrees how far the text is turned, clockwise; small angles only, as in a hand-held photo
     * @param background the background colour
     * @param foreground the text colour
     */
    public record Style(String font, int fontStyle, int size, double degrees, Color background, Color foreground) {

        public Style {
            Objects.requireNonNull(font, "font");
            Objects.requireNonNull(background, "background");
            Objects.requireNonNull(foreground, "foreground");
        }

        /** Black 40-pixel sans-serif on white, level. */
        public static Style plain() {
            return new Style(Font.SANS_SERIF, Font.PLAIN, 40, 0, Color.WHITE, Color.BLACK);
        }

        public Style withFont(String newFont, int newStyle, int newSize) {
            return new Style(newFont, newStyle, newSize, degrees, background, foreground);
        }

        public Style turned(double newDegrees) {
            return new Style(font, fontStyle, size, newDegrees, background, foreground);
        }

        public Style coloured(Color newBackground, Color newForeground) {
            return new Style(font, fontStyle, size, degrees, newBackground, newForeground);
        }
    }

    private TextImages() {}

    /** {@code lines} drawn one under the other, left-aligned, in {@code style}. */
    public static BufferedImage render(Style style, List<String> lines) {
        Font font = new Font(style.font(), style.fontStyle(), style.size());
        FontMetrics metrics = metrics(font);
        int textWidth = lines.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        int lineHeight = (int) Math.ceil(metrics.getHeight() * 1.3);
        int textHeight = lineHeight * lines.size();
        int margin = style.size();
        // Room for the text's corners to swing out when it is turned.
        double radians = Math.toRadians(style.degrees());
        int width = (int) Math.ceil(textWidth * Math.abs(Math.cos(radians)) + textHeight * Math.abs(Math.sin(radians)))
                + 2 * margin;
        int height = (int) Math.ceil(textWidth * Math.abs(Math.sin(radians)) + textHeight * Math.abs(Math.cos(radians)))
                + 2 * margin;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(style.background());
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.transform(AffineTransform.getRotateInstance(radians, width / 2.0, height / 2.0));
            g.setFont(font);
            g.setColor(style.foreground());
            int left = (width - textWidth) / 2;
            int top = (height - textHeight) / 2;
            for (int i = 0; i < lines.size(); i++) {
                int baseline = top + i * lineHeight + (lineHeight - metrics.getHeight()) / 2 + metrics.getAscent();
                g.drawString(lines.get(i), left, baseline);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public static BufferedImage render(Style style, String... lines) {
        return render(style, List.of(lines));
    }

    /** An image of one colour and nothing else. */
    public static BufferedImage blank(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(colour);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@code image}'s pixels. */
    public static RgbImage rgb(BufferedImage image) {
        return RgbImage.of(image);
    }

    /** {@code image} as a PNG file. */
    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    /** {@code image} as a JPEG file of high quality (0.95). */
    public static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A valid PNG of {@code width × height} black pixels that takes a few kilobytes: one bit a pixel, every
     * row the same, deflated. Decoded it would take {@code width × height} pixels of memory, so it is what
     * a decompression bomb looks like. Built row by row: the test never holds the pixels either.
     */
    public static byte[] pngWithoutPixels(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeInt(header, width);
        writeInt(header, height);
        header.writeBytes(new byte[] {1, 0, 0, 0, 0}); // 1 bit, greyscale, deflate, no filter, not interlaced
        chunk(png, "IHDR", header.toByteArray());
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(9))) {
            byte[] row = new byte[1 + (width + 7) / 8]; // the filter byte "none", then the row's bits
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        writeInt(png, data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
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
