package dev.trellis.samples.tagging.tags;

import dev.trellis.samples.tagging.ocr.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tagger needs to know about an image's pixels, computed where the pixels are (the
 * pre-processing step), so that only these few numbers travel on to the tagger.
 *
 * @param width the image's width
 * @param height the image's height
 * @param colours the named colours of its pixels, largest share first
 */
public record ImageStats(int width, int height, List<ColourShare> colours) {

    /** About this many pixels are looked at, spread evenly: plenty for shares of a few percent. */
    private static final long SAMPLES = 1 << 16;

    public ImageStats {
        colours = List.copyOf(colours);
    }

    /** The statistics of {@code image}. */
    public static ImageStats of(RgbImage image) {
        int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) image.pixelCount() / SAMPLES)));
        Map<String, Integer> counts = new TreeMap<>(); // sorted, so equal shares come out in one order
        int total = 0;
        byte[] rgb = image.rgb();
        for (int y = step / 2; y < image.height(); y += step) {
            for (int x = step / 2; x < image.width(); x += step) {
                int i = (y * image.width() + x) * 3;
                counts.merge(ColourNames.name(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF), 1, Integer::sum);
                total++;
            }
        }
        List<ColourShare> shares = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            shares.add(new ColourShare(entry.getKey(), entry.getValue() / (float) total));
        }
        shares.sort(Comparator.comparingDouble(ColourShare::share).reversed());
        return new ImageStats(image.width(), image.height(), shares);
    }
}
