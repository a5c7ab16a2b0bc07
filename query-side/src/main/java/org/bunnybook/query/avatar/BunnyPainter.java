package org.bunnybook.query.avatar;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Draws a bunny's head and shoulders, 256×256, from an identifier. All randomness comes from {@link BunnyTraits},
 * and PNG encoding of an RGB image carries no timestamp, so the same identifier always gives the same bytes.
 */
public final class BunnyPainter {

    private static final int SIZE = 256;
    private static final Color INK = new Color(0x2B2B2B);
    private static final Color NOSE = new Color(0xF28482);

    static {
        // Encode in memory. With its default file cache ImageIO registers a JVM shutdown hook on first use, which
        // fails if that first use happens while the application is shutting down.
        ImageIO.setUseCache(false);
    }

    public byte[] paintPng(String identifier) {
        BunnyTraits bunny = BunnyTraits.of(identifier);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(bunny.background());
            g.fillRect(0, 0, SIZE, SIZE);
            drawShoulders(g, bunny);
            drawEars(g, bunny);
            drawHead(g, bunny);
            drawEyes(g, bunny);
            drawFace(g, bunny);
            drawAccessory(g, bunny);
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    private static void drawShoulders(Graphics2D g, BunnyTraits bunny) {
        fillOutlined(g, new Ellipse2D.Double(38, 200, 180, 120), bunny.fur());
    }

    private static void drawEars(Graphics2D g, BunnyTraits bunny) {
        double length = 85 * bunny.earLength();
        boolean leftFlops = bunny.ears() == BunnyTraits.Ears.LEFT_FLOP || bunny.ears() == BunnyTraits.Ears.BOTH_FLOP;
        boolean rightFlops = bunny.ears() == BunnyTraits.Ears.RIGHT_FLOP
                || bunny.ears() == BunnyTraits.Ears.BOTH_FLOP;
        drawEar(g, bunny, 100, 105, length, leftFlops ? -115 : -12);
        drawEar(g, bunny, 156, 105, length, rightFlops ? 115 : 12);
    }

    /** An ear rooted at (x, y), pointing up and turned by {@code degrees} (a floppy ear turns far down). */
    private static void drawEar(Graphics2D g, BunnyTraits bunny, double x, double y, double length, double degrees) {
        AffineTransform turn = AffineTransform.getRotateInstance(Math.toRadians(degrees), x, y);
        Shape outer = turn.createTransformedShape(new Ellipse2D.Double(x - 19, y - length, 38, length + 10));
        Shape inner = turn.createTransformedShape(new Ellipse2D.Double(x - 9, y - length + 14, 18, length - 20));
        fillOutlined(g, outer, bunny.fur());
        g.setColor(bunny.innerEar());
        g.fill(inner);
    }

    private static void drawHead(Graphics2D g, BunnyTraits bunny) {
        Shape head = new Ellipse2D.Double(53, 85, 150, 135);
        g.setColor(bunny.fur());
        g.fill(head);
        if (bunny.spotted()) {
            Shape previous = g.getClip();
            g.clip(head);
            g.setColor(bunny.patch());
            g.fill(new Ellipse2D.Double(40, 75, 85, 80));
            g.setClip(previous);
        }
        g.setColor(INK);
        g.setStroke(new BasicStroke(3f));
        g.draw(head);
        // a pale muzzle keeps the nose and mouth readable on every fur colour
        g.setColor(blend(bunny.fur(), Color.WHITE, 0.55));
        g.fill(new Ellipse2D.Double(100, 158, 30, 26));
        g.fill(new Ellipse2D.Double(126, 158, 30, 26));
    }

    private static void drawEyes(Graphics2D g, BunnyTraits bunny) {
        for (double x : new double[]{100, 156}) {
            switch (bunny.eyes()) {
                case ROUND -> {
                    g.setColor(INK);
                    g.fill(circle(x, 140, 11));
                    g.setColor(Color.WHITE);
                    g.fill(circle(x + 4, 136, 3.5));
                }
                case SPARKLY -> {
                    g.setColor(INK);
                    g.fill(circle(x, 140, 14));
                    g.setColor(bunny.iris());
                    g.fill(circle(x, 142, 9));
                    g.setColor(Color.WHITE);
                    g.fill(circle(x + 5, 135, 4.5));
                    g.fill(circle(x - 5, 146, 2.5));
                }
                case SLEEPY -> {
                    g.setColor(isDark(bunny.fur()) ? Color.WHITE : INK); // closed eyes must show on black fur
                    g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new Arc2D.Double(x - 12, 128, 24, 20, 200, 140, Arc2D.OPEN));
                }
            }
        }
    }

    private static void drawFace(Graphics2D g, BunnyTraits bunny) {
        if (bunny.blush()) {
            g.setColor(new Color(255, 120, 140, 110));
            g.fill(new Ellipse2D.Double(70, 158, 26, 15));
            g.fill(new Ellipse2D.Double(160, 158, 26, 15));
        }
        Path2D nose = new Path2D.Double();
        nose.moveTo(120, 160);
        nose.lineTo(136, 160);
        nose.lineTo(128, 170);
        nose.closePath();
        g.setColor(NOSE);
        g.fill(nose);
        g.setColor(INK);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(128, 170, 128, 177));
        g.draw(new Arc2D.Double(116, 168, 12, 14, 180, 180, Arc2D.OPEN));
        g.draw(new Arc2D.Double(128, 168, 12, 14, 180, 180, Arc2D.OPEN));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = -1; i <= 1; i++) {
            g.draw(new Line2D.Double(104, 170 + i * 5, 72, 164 + i * 10));
            g.draw(new Line2D.Double(152, 170 + i * 5, 184, 164 + i * 10));
        }
    }

    private static void drawAccessory(Graphics2D g, BunnyTraits bunny) {
        Color color = bunny.accessoryColor();
        switch (bunny.accessory()) {
            case NONE -> {
            }
            case BOW -> {
                Path2D bow = new Path2D.Double();
                bow.moveTo(160, 100);
                bow.lineTo(138, 86);
                bow.lineTo(138, 114);
                bow.closePath();
                bow.moveTo(160, 100);
                bow.lineTo(182, 86);
                bow.lineTo(182, 114);
                bow.closePath();
                fillOutlined(g, bow, color);
                fillOutlined(g, circle(160, 100, 7), color.darker());
            }
            case HAT -> {
                fillOutlined(g, new RoundRectangle2D.Double(88, 88, 80, 12, 6, 6), color.darker());
                fillOutlined(g, new RoundRectangle2D.Double(103, 40, 50, 52, 8, 8), color);
                g.setColor(Color.WHITE);
                g.fill(new java.awt.geom.Rectangle2D.Double(104, 76, 48, 7));
            }
            case GLASSES -> {
                g.setColor(color.darker());
                g.setStroke(new BasicStroke(4f));
                g.draw(circle(100, 140, 20));
                g.draw(circle(156, 140, 20));
                g.draw(new Line2D.Double(120, 138, 136, 138));
            }
            case FLOWER -> {
                for (int petal = 0; petal < 5; petal++) {
                    double angle = Math.toRadians(petal * 72);
                    fillOutlined(g, circle(86 + 11 * Math.cos(angle), 104 + 11 * Math.sin(angle), 8), color);
                }
                fillOutlined(g, circle(86, 104, 6), new Color(0xFFE066));
            }
            case SCARF -> {
                fillOutlined(g, new RoundRectangle2D.Double(66, 204, 124, 26, 20, 20), color);
                fillOutlined(g, new RoundRectangle2D.Double(150, 214, 24, 42, 10, 10), color.darker());
            }
        }
    }

    private static void fillOutlined(Graphics2D g, Shape shape, Color fill) {
        g.setColor(fill);
        g.fill(shape);
        g.setColor(INK);
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    private static Shape circle(double x, double y, double radius) {
        return new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius);
    }

    private static boolean isDark(Color color) {
        return color.getRed() + color.getGreen() + color.getBlue() < 3 * 90;
    }

    private static Color blend(Color a, Color b, double share) {
        return new Color((int) (a.getRed() * (1 - share) + b.getRed() * share),
                (int) (a.getGreen() * (1 - share) + b.getGreen() * share),
                (int) (a.getBlue() * (1 - share) + b.getBlue() * share));
    }

    private static byte[] encode(BufferedImage image) {
        try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
