package dev.trellis.samples.tagging.ocr;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * An image as interleaved 8-bit RGB, row by row: the compact form in which pixels travel between the
 * steps of the pipeline (a decoded upload, a text crop), three bytes a pixel and nothing else, so that a
 * step in another process gets exactly what it needs. The array is not copied; nobody changes it after
 * construction. Being a record of an array, two images are equal only when they share the array.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1
 * @param rgb {@code width * height * 3} bytes: red, green, blue of pixel {@code (x, y)} at
 *     {@code (y * width + x) * 3}
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("An image is at least 1×1 pixels, was " + width + "×" + height);
        }
        if (rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("A " + width + "×" + height + " RGB image has " + 3L * width * height
                    + " bytes, but " + rgb.length + " were given");
        }
    }

    /**
     * The pixels of {@code image}, with any transparency composed over white (as a viewer shows them). A grey
     * image's stored values are taken as they are, grey {@code v} becoming {@code (v, v, v)}, as viewers show
     * them: Java2D calls the colour space of a grey PNG or JPEG linear and would brighten every mid-grey.
     */
    public static RgbImage of(BufferedImage image) {
        return isStoredGrey(image.getColorModel()) ? ofGrey(image) : ofSrgb(image);
    }

    /** 8- or 16-bit grey, with or without alpha, the samples in the raster (not a packed 1-, 2- or 4-bit one). */
    private static boolean isStoredGrey(ColorModel model) {
        int transfer = model.getTransferType();
        return model instanceof ComponentColorModel
                && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && model.getNumColorComponents() == 1
                && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT);
    }

    private static RgbImage ofGrey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean alpha = model.hasAlpha();
        boolean premultiplied = model.isAlphaPremultiplied();
        int greyMax = (1 << model.getComponentSize(0)) - 1;
        int alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        int[] greys = new int[width];
        int[] alphas = new int[width];
        int i = 0;
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, greys);
            if (alpha) {
                raster.getSamples(0, y, width, 1, 1, alphas);
            }
            for (int x = 0; x < width; x++) {
                int v = to8Bits(greys[x], greyMax);
                if (alpha) {
                    int a = to8Bits(alphas[x], alphaMax);
                    v = premultiplied ? Math.min(255, v + 255 - a) : overWhite(v, a);
                }
                rgb[i++] = (byte) v;
                rgb[i++] = (byte) v;
                rgb[i++] = (byte) v;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static int to8Bits(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }

    private static RgbImage ofSrgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        int[] row = new int[width];
        boolean alpha = image.getColorModel().hasAlpha();
        int i = 0;
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width); // sRGB whatever the image's own colour model
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                int r = argb >> 16 & 0xFF;
                int g = argb >> 8 & 0xFF;
                int b = argb & 0xFF;
                if (alpha) {
                    int a = argb >>> 24;
                    r = overWhite(r, a);
                    g = overWhite(g, a);
                    b = overWhite(b, a);
                }
                rgb[i++] = (byte) r;
                rgb[i++] = (byte) g;
                rgb[i++] = (byte) b;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static int overWhite(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    /** The same pixels as a Java2D image, to look at or to encode. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = rgbAt(x, y);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** The pixel at {@code (x, y)} as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
    }

    /** The number of pixels. */
    public long pixelCount() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "×" + height + "]";
    }
}
