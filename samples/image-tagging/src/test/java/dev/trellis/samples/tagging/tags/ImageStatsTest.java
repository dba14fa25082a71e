package dev.trellis.samples.tagging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.samples.tagging.TextImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageStatsTest {

    @Test
    void namesEverydayColours() {
        assertEquals("red", ColourNames.name(220, 20, 30));
        assertEquals("pink", ColourNames.name(255, 182, 193));
        assertEquals("orange", ColourNames.name(255, 140, 0));
        assertEquals("brown", ColourNames.name(120, 70, 20));
        assertEquals("yellow", ColourNames.name(255, 220, 40));
        assertEquals("green", ColourNames.name(20, 110, 50));
        assertEquals("cyan", ColourNames.name(0, 200, 210));
        assertEquals("blue", ColourNames.name(20, 40, 110));
        assertEquals("purple", ColourNames.name(120, 40, 160));
        assertEquals("pink", ColourNames.name(230, 60, 180));
        assertEquals("white", ColourNames.name(250, 250, 250));
        assertEquals("grey", ColourNames.name(128, 128, 128));
        assertEquals("black", ColourNames.name(20, 20, 20));
        assertEquals("black", ColourNames.name(40, 0, 0)); // too dark for its hue to show
    }

    @Test
    void measuresTheShareOfEachColour() {
        BufferedImage image = TextImages.blank(400, 100, Color.WHITE);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(20, 40, 200));
        g.fillRect(0, 0, 300, 100);
        g.dispose();
        ImageStats stats = ImageStats.of(TextImages.rgb(image));
        assertEquals(400, stats.width());
        assertEquals(100, stats.height());
        assertEquals(List.of("blue", "white"), stats.colours().stream().map(ColourShare::colour).toList());
        assertEquals(0.75f, stats.colours().get(0).share(), 0.01f);
        assertEquals(0.25f, stats.colours().get(1).share(), 0.01f);
    }

    @Test
    void samplesLargeImagesEvenly() {
        BufferedImage image = TextImages.blank(3000, 2000, Color.RED);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 1500, 3000, 500);
        g.dispose();
        ImageStats stats = ImageStats.of(TextImages.rgb(image));
        assertEquals(0.75f, stats.colours().get(0).share(), 0.01f);
        assertEquals("black", stats.colours().get(1).colour());
    }
}
