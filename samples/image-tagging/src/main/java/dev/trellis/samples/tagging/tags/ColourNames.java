package dev.trellis.samples.tagging.tags;

/**
 * Names the colour of a pixel in everyday words: a coarse histogram of hue, saturation and brightness.
 * Dark pixels are black and unsaturated ones white or grey whatever their hue, since that is what people
 * call them; the hue bands follow the usual colour wheel.
 */
final class ColourNames {

    private ColourNames() {}

    static String name(int red, int green, int blue) {
        int max = Math.max(red, Math.max(green, blue));
        int min = Math.min(red, Math.min(green, blue));
        float value = max / 255f;
        float saturation = max == 0 ? 0 : (max - min) / (float) max;
        if (value < 0.2f) {
            return "black";
        }
        if (saturation < 0.2f) {
            return value > 0.85f ? "white" : value < 0.3f ? "black" : "grey";
        }
        float hue = hue(red, green, blue, max, min);
        if (hue < 15 || hue >= 345) {
            return saturation < 0.5f && value > 0.7f ? "pink" : value < 0.45f ? "brown" : "red";
        }
        if (hue < 45) {
            return value < 0.6f ? "brown" : "orange";
        }
        if (hue < 70) {
            return "yellow";
        }
        if (hue < 170) {
            return "green";
        }
        if (hue < 200) {
            return "cyan";
        }
        if (hue < 260) {
            return "blue";
        }
        if (hue < 290) {
            return "purple";
        }
        return "pink";
    }

    /** The hue in degrees, {@code [0, 360)}; {@code max > min}. */
    private static float hue(int red, int green, int blue, int max, int min) {
        float delta = max - min;
        float hue;
        if (max == red) {
            hue = 60 * ((green - blue) / delta);
        } else if (max == green) {
            hue = 60 * ((blue - red) / delta + 2);
        } else {
            hue = 60 * ((red - green) / delta + 4);
        }
        return hue < 0 ? hue + 360 : hue;
    }
}
