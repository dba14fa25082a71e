package dev.trellis.samples.tagging.ocr;

/**
 * The EXIF orientation of a JPEG (TIFF tag 0x0112), read straight from its APP1 segment, and applied to
 * pixels. ImageIO ignores the tag, but phones store most photos sideways and set it, so text would reach
 * the detector rotated by 90°, which the direction classifier (0° or 180° only) cannot fix.
 */
final class ExifOrientation {

    /** Upright: the pixels are shown as stored. */
    static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SHORT = 3;

    private ExifOrientation() {}

    /**
     * The orientation (1–8) that {@code jpeg} declares, or {@link #NORMAL} when it declares none or its EXIF
     * cannot be parsed: a damaged EXIF block is no reason to refuse pixels that decode.
     */
    static int of(byte[] jpeg) {
        try {
            return find(jpeg);
        } catch (IndexOutOfBoundsException e) {
            return NORMAL;
        }
    }

    private static int find(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return NORMAL;
        }
        int position = 2;
        while (position + 4 <= jpeg.length && (jpeg[position] & 0xFF) == 0xFF) {
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) { // start of scan, end of image: no metadata follows
                return NORMAL;
            }
            int length = (jpeg[position + 2] & 0xFF) << 8 | jpeg[position + 3] & 0xFF;
            int data = position + 4;
            if (marker == 0xE1 && length >= 8 && isExifHeader(jpeg, data)) {
                return fromTiff(jpeg, data + 6, Math.min(jpeg.length, position + 2 + length));
            }
            position += 2 + length;
        }
        return NORMAL;
    }

    private static boolean isExifHeader(byte[] bytes, int at) {
        return bytes[at] == 'E' && bytes[at + 1] == 'x' && bytes[at + 2] == 'i' && bytes[at + 3] == 'f'
                && bytes[at + 4] == 0 && bytes[at + 5] == 0;
    }

    /** Looks for the orientation among the entries of IFD0 of the TIFF structure in {@code [tiff, end)}. */
    private static int fromTiff(byte[] bytes, int tiff, int end) {
        boolean littleEndian;
        if (bytes[tiff] == 'I' && bytes[tiff + 1] == 'I') {
            littleEndian = true;
        } else if (bytes[tiff] == 'M' && bytes[tiff + 1] == 'M') {
            littleEndian = false;
        } else {
            return NORMAL;
        }
        int ifd = tiff + (int) u32(bytes, tiff + 4, littleEndian);
        if (ifd < tiff || ifd + 2 > end) {
            return NORMAL;
        }
        int entries = u16(bytes, ifd, littleEndian);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return NORMAL;
            }
            if (u16(bytes, entry, littleEndian) == ORIENTATION_TAG && u16(bytes, entry + 2, littleEndian) == SHORT) {
                int value = u16(bytes, entry + 8, littleEndian);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] bytes, int at, boolean littleEndian) {
        int a = bytes[at] & 0xFF;
        int b = bytes[at + 1] & 0xFF;
        return littleEndian ? b << 8 | a : a << 8 | b;
    }

    private static long u32(byte[] bytes, int at, boolean littleEndian) {
        long high = u16(bytes, littleEndian ? at + 2 : at, littleEndian);
        long low = u16(bytes, littleEndian ? at : at + 2, littleEndian);
        return high << 16 | low;
    }

    /** The pixels as a viewer shows an image stored with {@code orientation}. */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation == NORMAL || orientation < 1 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swaps = orientation >= 5;
        int outWidth = swaps ? h : w;
        int outHeight = swaps ? w : h;
        byte[] source = image.rgb();
        byte[] out = new byte[source.length];
        int o = 0;
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; } // mirrored
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; } // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; } // mirrored upside down
                    case 5 -> { sx = y; sy = x; } // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; } // stored 90° anticlockwise: turn clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; } // transversed
                    default -> { sx = w - 1 - y; sy = x; } // 8: stored 90° clockwise: turn anticlockwise
                }
                int s = (sy * w + sx) * 3;
                out[o++] = source[s];
                out[o++] = source[s + 1];
                out[o++] = source[s + 2];
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }
}
