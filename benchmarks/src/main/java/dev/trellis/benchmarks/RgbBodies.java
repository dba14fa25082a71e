package dev.trellis.benchmarks;

import dev.trellis.samples.tagging.ocr.RgbImage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Images as the fair microservices send them over HTTP: {@value #CONTENT_TYPE}, the pixels raw, no text
 * encoding. The body is a count, then for each image its width, its height (big-endian 32-bit ints) and its
 * {@code width * height * 3} RGB bytes, as {@link RgbImage} holds them: 12 bytes of header for one image.
 */
final class RgbBodies {

    static final String CONTENT_TYPE = "application/octet-stream";
    /** More images than any request has crops; a count beyond it is a damaged body. */
    private static final int MAX_IMAGES = 100_000;

    private RgbBodies() {}

    static byte[] encode(List<RgbImage> images) {
        long size = Integer.BYTES;
        for (RgbImage image : images) {
            size += 2 * Integer.BYTES + image.rgb().length;
        }
        ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(size));
        body.putInt(images.size());
        for (RgbImage image : images) {
            body.putInt(image.width()).putInt(image.height()).put(image.rgb());
        }
        return body.array();
    }

    /** @throws IllegalArgumentException if {@code body} is not a whole encoding */
    static List<RgbImage> decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            int count = in.getInt();
            if (count < 0 || count > MAX_IMAGES) {
                throw new IllegalArgumentException("An image body holds 0 to " + MAX_IMAGES + " images, not " + count);
            }
            List<RgbImage> images = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int width = in.getInt();
                int height = in.getInt();
                long bytes = 3L * width * height;
                if (width < 1 || height < 1 || bytes > in.remaining()) {
                    throw new IllegalArgumentException("Image " + i + " of the body is " + width + "×" + height
                            + ", but " + in.remaining() + " bytes are left");
                }
                byte[] rgb = new byte[(int) bytes];
                in.get(rgb);
                images.add(new RgbImage(width, height, rgb));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the body's " + count + " images");
            }
            return images;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("The image body of " + body.length + " bytes is cut short", e);
        }
    }

    /** The one image of {@code body}. */
    static RgbImage decodeOne(byte[] body) {
        List<RgbImage> images = decode(body);
        if (images.size() != 1) {
            throw new IllegalArgumentException("The body holds " + images.size() + " images, not one");
        }
        return images.get(0);
    }
}
