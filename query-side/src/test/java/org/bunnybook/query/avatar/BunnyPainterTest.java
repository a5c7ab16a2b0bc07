package org.bunnybook.query.avatar;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BunnyPainterTest {

    private final BunnyPainter painter = new BunnyPainter();

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void theSameIdentifierGivesTheSameBytes() {
        assertThat(painter.paintPng("thumper")).isEqualTo(painter.paintPng("thumper"));
    }

    @Test
    void itIsA256PixelSquarePng() throws IOException {
        BufferedImage image = read(painter.paintPng("thumper"));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
    }

    @Test
    void anyIdentifierWorks() throws IOException {
        for (String identifier : new String[]{"", " ", "🐇 ünïcødé", "x".repeat(10_000), "%_\\'\""}) {
            assertThat(read(painter.paintPng(identifier)).getWidth()).isEqualTo(256);
        }
    }

    @Test
    void bunniesVaryInBackgroundFurAndFeatures() throws IOException {
        Set<Integer> backgrounds = new HashSet<>();
        Set<Integer> furs = new HashSet<>();
        Set<BunnyTraits> traits = new HashSet<>();
        Set<String> images = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String identifier = "bunny" + i;
            BufferedImage image = read(painter.paintPng(identifier));
            backgrounds.add(image.getRGB(4, 250));   // a corner: always background
            furs.add(image.getRGB(128, 112));         // the forehead, below any accessory
            traits.add(BunnyTraits.of(identifier));
            images.add(java.util.Arrays.toString(painter.paintPng(identifier)));
        }
        assertThat(backgrounds).hasSizeGreaterThanOrEqualTo(6);
        assertThat(furs).hasSizeGreaterThanOrEqualTo(6);
        assertThat(traits).hasSizeGreaterThan(190);
        assertThat(images).hasSizeGreaterThan(190);
        assertThat(traits).extracting(BunnyTraits::accessory).containsAll(java.util.List.of(BunnyTraits.Accessory.values()));
        assertThat(traits).extracting(BunnyTraits::ears).containsAll(java.util.List.of(BunnyTraits.Ears.values()));
        assertThat(traits).extracting(BunnyTraits::eyes).containsAll(java.util.List.of(BunnyTraits.Eyes.values()));
    }
}
