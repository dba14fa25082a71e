package dev.trellis.samples.tagging.ocr;

import dev.trellis.samples.tagging.ocr.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns the bytes of an upload into upright RGB pixels, or rejects them with an
 * {@link ImageRejectedException} that says why. The format is recognised from the bytes themselves (by
 * ImageIO's readers, which look at the magic numbers), never from the declared content type, which
 * clients get wrong. The image's size is read from its header before any pixel is decoded, so a small
 * file that claims a huge image (a decompression bomb) is refused without allocating it. A reader's
 * warning (a JPEG that ends early is otherwise filled with grey) counts as damage. Thread-safe.
 */
public final class ImageDecoding {

    /** 40 megapixels: a 48-bit camera's photo fits, and the decoded RGB stays under 120 MB. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** 32 MiB of encoded bytes. */
    public static final int DEFAULT_MAX_BYTES = 32 << 20;

    private final long maxPixels;
    private final int maxBytes;

    private ImageDecoding(long maxPixels, int maxBytes) {
        if (maxPixels < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("The limits must be positive, were maxPixels=" + maxPixels
                    + ", maxBytes=" + maxBytes);
        }
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
    }

    /** With the default limits, {@value #DEFAULT_MAX_PIXELS} pixels and {@value #DEFAULT_MAX_BYTES} bytes. */
    public static ImageDecoding create() {
        return new ImageDecoding(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES);
    }

    public static ImageDecoding create(long maxPixels, int maxBytes) {
        return new ImageDecoding(maxPixels, maxBytes);
    }

    /**
     * Decodes {@code body}: PNG, JPEG, or any other format ImageIO reads (GIF, BMP, TIFF, WBMP), applying a
     * JPEG's EXIF orientation.
     *
     * @param contentType what the client declared, or null; only quoted in messages
     * @throws ImageRejectedException if the body is empty, too large, not an image, or damaged
     */
    public DecodedImage decode(byte[] body, String contentType) {
        String declared = contentType == null || contentType.isBlank() ? "no content type"
                : "declared as " + contentType;
        if (body == null || body.length == 0) {
            throw new ImageRejectedException(Reason.EMPTY,
                    "The request body is empty (" + declared + "); send the image's bytes, PNG or JPEG, as the body");
        }
        if (body.length > maxBytes) {
            throw new ImageRejectedException(Reason.TOO_LARGE, "The image is " + body.length
                    + " bytes; at most " + maxBytes + " bytes are accepted");
        }
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(body))) {
            ImageReader reader = readerFor(input, body, declared);
            try {
                return decode(reader, input, body);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) { // closing an in-memory stream
            throw new ImageRejectedException(Reason.CORRUPT, "The image could not be read: " + e.getMessage(), e);
        }
    }

    private static ImageReader readerFor(ImageInputStream input, byte[] body, String declared) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) {
            throw new ImageRejectedException(Reason.NOT_AN_IMAGE, "The body (" + body.length + " bytes, " + declared
                    + ") is not an image this service can read: it starts with "
                    + HexFormat.ofDelimiter(" ").formatHex(body, 0, Math.min(body.length, 8))
                    + "; send a PNG or JPEG file");
        }
        return readers.next();
    }

    private DecodedImage decode(ImageReader reader, ImageInputStream input, byte[] body) {
        String format = format(reader);
        // Metadata is skipped: ImageIO would parse every chunk of it, and EXIF is read on its own below.
        reader.setInput(input, true, true);
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw damaged(format, e);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageRejectedException(Reason.TOO_LARGE, String.format(Locale.ROOT,
                    "The %s image is %d×%d pixels (%.1f megapixels); at most %.1f megapixels are accepted,"
                            + " so scale it down first", format.toUpperCase(Locale.ROOT), width, height, pixels / 1e6,
                    maxPixels / 1e6));
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw damaged(format, e);
        }
        if (!warnings.isEmpty()) {
            throw new ImageRejectedException(Reason.CORRUPT, "The " + format.toUpperCase(Locale.ROOT)
                    + " image is truncated or damaged (" + String.join("; ", warnings) + "); send the complete file");
        }
        RgbImage pixelsRead = RgbImage.of(image);
        if (format.equals("jpeg")) {
            pixelsRead = ExifOrientation.apply(pixelsRead, ExifOrientation.of(body));
        }
        return new DecodedImage(format, pixelsRead);
    }

    private static ImageRejectedException damaged(String format, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            why += ": " + e.getCause().getMessage();
        }
        return new ImageRejectedException(Reason.CORRUPT, "The " + format.toUpperCase(Locale.ROOT)
                + " image is truncated or damaged (" + why + "); send the complete file", e);
    }

    private static String format(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
