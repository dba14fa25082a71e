package dev.trellis.samples.tagging.ocr;

import java.util.Objects;

/**
 * An uploaded image, decoded and turned upright.
 *
 * @param format the format its bytes were in, as ImageIO names it ({@code png}, {@code jpeg}, …)
 * @param pixels its pixels, with the JPEG's EXIF orientation applied
 */
public record DecodedImage(String format, RgbImage pixels) {

    public DecodedImage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(pixels, "pixels");
    }
}
