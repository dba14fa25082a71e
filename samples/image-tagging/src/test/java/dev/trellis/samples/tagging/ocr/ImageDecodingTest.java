package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.samples.tagging.TextImages;
import dev.trellis.samples.tagging.ocr.ImageRejectedException.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecodingTest {

    private final ImageDecoding decoding = ImageDecoding.create();

    @Test
    void decodesPngWhateverTheDeclaredType() {
        BufferedImage image = TextImages.blank(30, 20, new Color(200, 10, 30));
        DecodedImage decoded = decoding.decode(TextImages.png(image), "text/plain");
        assertEquals("png", decoded.format());
        assertEquals(30, decoded.pixels().width());
        assertEquals(20, decoded.pixels().height());
        assertEquals(0xC80A1E, decoded.pixels().rgbAt(29, 19));
    }

    @Test
    void decodesJpeg() {
        DecodedImage decoded = decoding.decode(TextImages.jpeg(TextImages.blank(64, 48, Color.BLUE)), "image/png");
        assertEquals("jpeg", decoded.format());
        assertEquals(64, decoded.pixels().width());
        int rgb = decoded.pixels().rgbAt(10, 10);
        assertTrue((rgb & 0xFF) > 240 && (rgb >> 16 & 0xFF) < 15, Integer.toHexString(rgb));
    }

    @Test
    void decodesOtherFormatsImageIoReads() throws IOException {
        for (String format : new String[] {"gif", "bmp"}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(TextImages.blank(8, 4, Color.WHITE), format, bytes);
            DecodedImage decoded = decoding.decode(bytes.toByteArray(), null);
            assertEquals(format, decoded.format());
            assertEquals(0xFFFFFF, decoded.pixels().rgbAt(7, 3));
        }
    }

    @Test
    void transparencyIsComposedOverWhite() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB); // all transparent black
        image.setRGB(0, 0, 0xFF000000);
        RgbImage pixels = decoding.decode(TextImages.png(image), "image/png").pixels();
        assertEquals(0x000000, pixels.rgbAt(0, 0));
        assertEquals(0xFFFFFF, pixels.rgbAt(3, 3));
    }

    @Test
    void aGreyPngKeepsItsStoredValues() {
        int[] greys = {0, 37, 100, 200, 255};
        BufferedImage image = new BufferedImage(greys.length, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, greys.length, 1, 0, greys);
        byte[] png = written(image, "png");
        assertPngHeader(png, 8, 0);
        assertGreys(greys, decoding.decode(png, "image/png").pixels());
    }

    @Test
    void aSixteenBitGreyPngKeepsItsStoredValuesToTheNearestEighthBit() {
        BufferedImage image = new BufferedImage(5, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSamples(0, 0, 5, 1, 0, new int[] {0, 37 * 257, 32_768, 200 * 257 + 100, 65_535});
        byte[] png = written(image, "png");
        assertPngHeader(png, 16, 0);
        assertGreys(new int[] {0, 37, 128, 200, 255}, decoding.decode(png, "image/png").pixels());
    }

    @Test
    void aGreyPngWithAlphaIsComposedOverWhite() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(4, 1);
        raster.setPixels(0, 0, 4, 1, new int[] {100, 255, 0, 0, 0, 128, 200, 51});
        byte[] png = written(new BufferedImage(model, raster, false, null), "png");
        assertPngHeader(png, 8, 4);
        // grey·alpha + white·(1 − alpha): 100 opaque, nothing, half-transparent black, 200 at a fifth
        assertGreys(new int[] {100, 255, 127, 244}, decoding.decode(png, "image/png").pixels());
    }

    @Test
    void aGreyJpegKeepsItsStoredValues() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(100, 100, 100));
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        assertEquals(100, image.getRaster().getSample(8, 8, 0));
        int rgb = decoding.decode(written(image, "jpeg"), "image/jpeg").pixels().rgbAt(8, 8);
        assertTrue(Math.abs((rgb & 0xFF) - 100) <= 2 && rgb >> 16 == (rgb & 0xFF), Integer.toHexString(rgb));
    }

    @Test
    void palettePngsAndPackedGreyPngsDecodeAsBefore() {
        byte[] reds = {(byte) 100, (byte) 200, 0};
        byte[] greens = {(byte) 100, 10, 0};
        byte[] blues = {(byte) 100, 30, (byte) 255};
        BufferedImage palette = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 3, reds, greens, blues));
        palette.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 1, 2});
        byte[] png = written(palette, "png");
        assertEquals(3, png[25], "colour type");
        RgbImage pixels = decoding.decode(png, "image/png").pixels();
        assertEquals(0x646464, pixels.rgbAt(0, 0));
        assertEquals(0xC80A1E, pixels.rgbAt(1, 0));
        assertEquals(0x0000FF, pixels.rgbAt(2, 0));

        BufferedImage binary = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0, 1});
        RgbImage blackAndWhite = decoding.decode(written(binary, "png"), "image/png").pixels();
        assertEquals(0x000000, blackAndWhite.rgbAt(0, 0));
        assertEquals(0xFFFFFF, blackAndWhite.rgbAt(1, 0));
    }

    @Test
    void turnsJpegsUprightByTheirExifOrientation() {
        // 40×20, the left half red and the right half blue: stored as a phone stores a portrait photo.
        BufferedImage image = TextImages.blank(40, 20, Color.RED);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        byte[] jpeg = TextImages.jpeg(image);

        RgbImage clockwise = decoding.decode(withExifOrientation(jpeg, 6, false), "image/jpeg").pixels();
        assertEquals(20, clockwise.width());
        assertEquals(40, clockwise.height());
        assertColour(Color.RED, clockwise.rgbAt(10, 5)); // the stored left is now the top
        assertColour(Color.BLUE, clockwise.rgbAt(10, 35));

        RgbImage anticlockwise = decoding.decode(withExifOrientation(jpeg, 8, true), "image/jpeg").pixels();
        assertColour(Color.BLUE, anticlockwise.rgbAt(10, 5));
        assertColour(Color.RED, anticlockwise.rgbAt(10, 35));

        RgbImage upsideDown = decoding.decode(withExifOrientation(jpeg, 3, true), "image/jpeg").pixels();
        assertEquals(40, upsideDown.width());
        assertColour(Color.BLUE, upsideDown.rgbAt(5, 10));
    }

    @Test
    void aDamagedExifBlockLeavesThePixelsAsStored() {
        byte[] jpeg = TextImages.jpeg(TextImages.blank(40, 20, Color.GREEN));
        byte[] damaged = withExifOrientation(jpeg, 6, false);
        damaged[2 + 4 + 6 + 4] = 0x7F; // IFD0's offset now points far past the segment
        RgbImage pixels = decoding.decode(damaged, "image/jpeg").pixels();
        assertEquals(40, pixels.width());
    }

    @Test
    void rejectsAnEmptyBody() {
        ImageRejectedException e = rejected(new byte[0], "image/png");
        assertEquals(Reason.EMPTY, e.reason());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().startsWith("The request body is empty"), e.getMessage());
        assertEquals(Reason.EMPTY, rejected(null, null).reason());
    }

    @Test
    void rejectsTextAsNotAnImage() {
        ImageRejectedException e = rejected("hello, this is not a picture".getBytes(StandardCharsets.UTF_8),
                "image/jpeg");
        assertEquals(Reason.NOT_AN_IMAGE, e.reason());
        assertEquals(415, e.httpStatus());
        assertTrue(e.getMessage().contains("declared as image/jpeg) is not an image this service can read: it"
                + " starts with 68 65 6c 6c 6f 2c 20 74; send a PNG or JPEG file"), e.getMessage());
    }

    @Test
    void rejectsATruncatedPng() {
        byte[] png = TextImages.png(TextImages.render(TextImages.Style.plain(), "truncated"));
        ImageRejectedException e = rejected(Arrays.copyOf(png, png.length / 2), "image/png");
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("The PNG image is truncated or damaged ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); send the complete file"), e.getMessage());
    }

    @Test
    void rejectsATruncatedJpeg() {
        byte[] jpeg = TextImages.jpeg(TextImages.render(TextImages.Style.plain(), "truncated"));
        ImageRejectedException e = rejected(Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg");
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("The JPEG image is truncated or damaged ("), e.getMessage());
    }

    @Test
    void rejectsAFiftyMegapixelPngBeforeDecodingIt() {
        byte[] bomb = TextImages.pngWithoutPixels(10_000, 5_000);
        long allocated = allocatedBy(() -> {
            ImageRejectedException e = rejected(bomb, "image/png");
            assertEquals(Reason.TOO_LARGE, e.reason());
            assertEquals(413, e.httpStatus());
            assertEquals("The PNG image is 10000×5000 pixels (50.0 megapixels); at most 40.0 megapixels are"
                    + " accepted, so scale it down first", e.getMessage());
        });
        assertTrue(allocated < 8 << 20, "rejecting the bomb allocated " + allocated + " bytes");
    }

    @Test
    void rejectsAJpegWhoseHeaderClaimsFiftyMegapixels() {
        byte[] jpeg = TextImages.jpeg(TextImages.blank(16, 16, Color.GRAY));
        int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        jpeg[sof + 5] = (byte) (5_000 >> 8); // height
        jpeg[sof + 6] = (byte) (5_000 & 0xFF);
        jpeg[sof + 7] = (byte) (10_000 >> 8); // width
        jpeg[sof + 8] = (byte) (10_000 & 0xFF);
        long allocated = allocatedBy(() -> assertEquals(Reason.TOO_LARGE, rejected(jpeg, "image/jpeg").reason()));
        assertTrue(allocated < 8 << 20, "rejecting the JPEG allocated " + allocated + " bytes");
    }

    @Test
    void rejectsMoreBytesThanTheLimit() {
        ImageDecoding small = ImageDecoding.create(ImageDecoding.DEFAULT_MAX_PIXELS, 100);
        byte[] png = TextImages.png(TextImages.render(TextImages.Style.plain(), "too many bytes"));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> small.decode(png, "image/png"));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("The image is " + png.length + " bytes; at most 100 bytes are accepted", e.getMessage());
    }

    private static byte[] written(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            assertTrue(ImageIO.write(image, format, bytes), "no " + format + " writer");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** The IHDR chunk, first after the signature, says how the samples are stored. */
    private static void assertPngHeader(byte[] png, int bitDepth, int colourType) {
        assertEquals(bitDepth, png[24], "bit depth");
        assertEquals(colourType, png[25], "colour type");
    }

    private static void assertGreys(int[] expected, RgbImage pixels) {
        int[] actual = new int[pixels.width()];
        for (int x = 0; x < actual.length; x++) {
            int rgb = pixels.rgbAt(x, 0);
            assertEquals(rgb & 0xFF, rgb >> 16, "red = blue at " + x);
            assertEquals(rgb & 0xFF, rgb >> 8 & 0xFF, "green = blue at " + x);
            actual[x] = rgb & 0xFF;
        }
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }

    private ImageRejectedException rejected(byte[] body, String contentType) {
        return assertThrows(ImageRejectedException.class, () -> decoding.decode(body, contentType));
    }

    private static void assertColour(Color expected, int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        assertTrue(Math.abs(r - expected.getRed()) < 30 && Math.abs(g - expected.getGreen()) < 30
                && Math.abs(b - expected.getBlue()) < 30, "expected " + expected + ", was " + Integer.toHexString(rgb));
    }

    /** {@code jpeg} with an EXIF APP1 segment right after its start, holding only the orientation tag. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        if (littleEndian) {
            tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
                (byte) orientation, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        } else {
            tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                0, (byte) orientation, 0, 0, 0, 0, 0, 0, 0, 0});
        }
        byte[] body = tiff.toByteArray();
        int length = 2 + 6 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte first, byte second) {
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == first && bytes[i + 1] == second) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    /** The bytes this thread allocated while {@code action} ran. */
    private static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        action.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
