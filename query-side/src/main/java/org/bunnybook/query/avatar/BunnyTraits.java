package org.bunnybook.query.avatar;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Everything that makes one bunny different from another, chosen from a seed derived from the identifier. SHA-256
 * rather than {@code String.hashCode} spreads similar identifiers ("bun1", "bun2") over very different bunnies.
 */
record BunnyTraits(Color background, Color fur, Color innerEar, Color patch, boolean spotted,
                   Ears ears, double earLength, Eyes eyes, Color iris, boolean blush,
                   Accessory accessory, Color accessoryColor) {

    enum Ears { UPRIGHT, LEFT_FLOP, RIGHT_FLOP, BOTH_FLOP }

    enum Eyes { ROUND, SLEEPY, SPARKLY }

    enum Accessory { NONE, BOW, HAT, GLASSES, FLOWER, SCARF }

    private static final Color[] BACKGROUNDS = {
            new Color(0xBDE0FE), new Color(0xFFC8DD), new Color(0xCDEAC0), new Color(0xFFF1B5),
            new Color(0xE2CFEA), new Color(0xFFD6A5), new Color(0xA0E7E5), new Color(0xF1F1F1)};
    private static final Color[] FURS = {
            new Color(0xFAFAFA), new Color(0xB8B8B8), new Color(0x8D6E63), new Color(0x3E3A39),
            new Color(0xF3E5C8), new Color(0xD9A066), new Color(0x6D6875), new Color(0xE8C4B0)};
    private static final Color[] IRISES = {
            new Color(0x3B2F2F), new Color(0x1F4E79), new Color(0x2E7D32), new Color(0x8E2430),
            new Color(0x5D4037)};
    private static final Color[] ACCESSORY_COLORS = {
            new Color(0xE63946), new Color(0x457B9D), new Color(0xF4A261), new Color(0x2A9D8F),
            new Color(0x9B5DE5), new Color(0xFFB703)};

    static BunnyTraits of(String identifier) {
        SplittableRandom random = new SplittableRandom(seed(identifier));
        Color fur = pick(random, FURS);
        boolean spotted = random.nextInt(3) == 0;
        Color patch = spotted ? contrastTo(fur, random) : fur;
        return new BunnyTraits(
                pick(random, BACKGROUNDS), fur, new Color(0xF7B2BD), patch, spotted,
                pick(random, Ears.values()), 0.8 + random.nextDouble() * 0.4,
                pick(random, Eyes.values()), pick(random, IRISES), random.nextBoolean(),
                pick(random, Accessory.values()), pick(random, ACCESSORY_COLORS));
    }

    /** A dark colour for patches on light fur and a light one on dark fur, so spots always show. */
    private static Color contrastTo(Color fur, SplittableRandom random) {
        boolean light = fur.getRed() + fur.getGreen() + fur.getBlue() > 3 * 150;
        return light ? pick(random, new Color[]{new Color(0x5D4037), new Color(0x3E3A39), new Color(0xD9A066)})
                : pick(random, new Color[]{new Color(0xFAFAFA), new Color(0xF3E5C8)});
    }

    private static <T> T pick(SplittableRandom random, T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static long seed(String identifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                seed = (seed << 8) | (digest[i] & 0xFF);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
