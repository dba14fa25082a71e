package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextCropperTest {

    /** 50×40, each pixel's red its x, green its y. */
    private static final RgbImage GRADIENT = gradient(50, 40);

    @Test
    void anAxisAlignedBoxCropsTheSameRectangle() {
        RgbImage crop = TextCropper.crop(GRADIENT, box(10, 5, 30, 15));
        assertEquals(20, crop.width());
        assertEquals(10, crop.height());
        assertEquals(rgb(10, 5), crop.rgbAt(0, 0));
        assertEquals(rgb(29, 14), crop.rgbAt(19, 9));
    }

    @Test
    void aTurnedBoxComesOutUpright() {
        // The square (20, 10)–(30, 20) turned 90° about its centre: its "top left" is the image's top right.
        TextBox turned = new TextBox(new Point(30, 10), new Point(30, 20), new Point(20, 20), new Point(20, 10), 1);
        RgbImage crop = TextCropper.crop(GRADIENT, turned);
        assertEquals(rgb(30, 10), crop.rgbAt(0, 0));
        assertEquals(rgb(30, 15), crop.rgbAt(5, 0)); // along the top edge, the image's y grows
    }

    @Test
    void aTallCropIsTurnedToLieAlongALine() {
        RgbImage crop = TextCropper.crop(GRADIENT, box(5, 0, 15, 30));
        assertEquals(30, crop.width());
        assertEquals(10, crop.height());
        assertEquals(rgb(14, 0), crop.rgbAt(0, 0)); // the top right corner is now the top left
        assertEquals(rgb(5, 0), crop.rgbAt(0, 9));
    }

    @Test
    void cropsEveryBoxInOrder() {
        List<RgbImage> crops = TextCropper.crop(GRADIENT, List.of(box(0, 0, 10, 5), box(20, 20, 40, 26)));
        assertEquals(10, crops.get(0).width());
        assertEquals(rgb(20, 20), crops.get(1).rgbAt(0, 0));
    }

    @Test
    void rotationsMoveEveryPixel() {
        RgbImage upsideDown = ImageRotation.rotate180(GRADIENT);
        assertEquals(rgb(49, 39), upsideDown.rgbAt(0, 0));
        assertEquals(rgb(0, 0), upsideDown.rgbAt(49, 39));
        RgbImage quarter = ImageRotation.rotate90Anticlockwise(GRADIENT);
        assertEquals(40, quarter.width());
        assertEquals(50, quarter.height());
        assertEquals(rgb(49, 0), quarter.rgbAt(0, 0));
        assertEquals(rgb(0, 39), quarter.rgbAt(39, 49));
    }

    private static TextBox box(float left, float top, float right, float bottom) {
        return new TextBox(new Point(left, top), new Point(right, top), new Point(right, bottom),
                new Point(left, bottom), 1);
    }

    private static int rgb(int x, int y) {
        return x << 16 | y << 8;
    }

    static RgbImage gradient(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rgb[(y * width + x) * 3] = (byte) x;
                rgb[(y * width + x) * 3 + 1] = (byte) y;
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
