package io.movierecs.launcher.chaos;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A PNG of a chaos run: changes committed per second (bars, top), fault windows shaded with their names, and
 * every visible change's commit-to-visible lag (dots, bottom, log scale), on one time axis.
 */
final class Timeline {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 800;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int SPLIT = 300;
    private static final int BOTTOM = 50;

    private final ChaosResult result;
    private final double seconds;
    private Graphics2D g;

    private Timeline(ChaosResult result) {
        this.result = result;
        long last = result.changes().stream().mapToLong(c -> Math.max(c.committedAtMs, c.visibleAtMs())).max()
                .orElse(result.startMs());
        for (Fault fault : result.faults()) {
            last = Math.max(last, fault.endMs());
        }
        this.seconds = Math.max(1, (last - result.startMs()) / 1000.0 + 1);
    }

    static Path write(ChaosResult result, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Timeline timeline = new Timeline(result);
        timeline.g = image.createGraphics();
        try {
            timeline.draw();
        } finally {
            timeline.g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private void draw() {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        faults();
        rate();
        lags();
        axis();
    }

    private int x(long epochMs) {
        return LEFT + (int) ((epochMs - result.startMs()) / 1000.0 / seconds * (WIDTH - LEFT - RIGHT));
    }

    private void faults() {
        int row = 0;
        for (Fault fault : result.faults()) {
            int from = x(fault.startMs());
            int to = Math.max(from + 2, x(fault.endMs()));
            g.setColor(fault.target().equals("kafka") ? new Color(255, 200, 200)
                    : fault.target().equals("postgresql") ? new Color(200, 200, 255) : new Color(255, 230, 180));
            g.fillRect(from, TOP, to - from, HEIGHT - TOP - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fault.kind() + " " + fault.target(), from + 2, TOP + 12 + 14 * (row++ % 4));
        }
    }

    private void rate() {
        int buckets = (int) Math.ceil(seconds);
        int[] perSecond = new int[buckets];
        for (Change change : result.changes()) {
            if (change.committedAtMs >= 0) {
                perSecond[(int) Math.min(buckets - 1, (change.committedAtMs - result.startMs()) / 1000)]++;
            }
        }
        int max = Math.max(1, java.util.Arrays.stream(perSecond).max().orElse(1));
        int base = SPLIT - 10;
        int height = SPLIT - TOP - 80;
        g.setColor(new Color(70, 110, 180));
        for (int second = 0; second < buckets; second++) {
            int h = perSecond[second] * height / max;
            int from = x(result.startMs() + second * 1000L);
            g.fillRect(from, base - h, Math.max(1, x(result.startMs() + (second + 1) * 1000L) - from - 1), h);
        }
        g.setColor(Color.BLACK);
        g.drawString("changes/s (max " + max + ")", 5, TOP + 70);
    }

    private void lags() {
        int top = SPLIT + 10;
        int bottom = HEIGHT - BOTTOM;
        double maxLog = Math.log10(600_000);
        g.setColor(Color.LIGHT_GRAY);
        for (long ms = 10; ms <= 600_000; ms *= 10) {
            int y = bottom - (int) (Math.log10(ms) / maxLog * (bottom - top));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(ms >= 1000 ? ms / 1000 + " s" : ms + " ms", 5, y + 4);
            g.setColor(Color.LIGHT_GRAY);
        }
        g.setColor(new Color(20, 130, 60));
        for (Change change : result.changes()) {
            if (change.outcome() == Change.Outcome.VISIBLE) {
                int y = bottom - (int) (Math.log10(Math.max(1, change.lagMs())) / maxLog * (bottom - top));
                g.fillOval(x(change.committedAtMs) - 2, y - 2, 4, 4);
            }
        }
        g.setColor(Color.BLACK);
        g.drawString("lag, commit -> visible (log)", 5, top + 12);
    }

    private void axis() {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        int y = HEIGHT - BOTTOM;
        g.drawLine(LEFT, y, WIDTH - RIGHT, y);
        g.drawLine(LEFT, SPLIT, WIDTH - RIGHT, SPLIT);
        int step = seconds > 600 ? 60 : seconds > 120 ? 30 : 10;
        for (int s = 0; s <= seconds; s += step) {
            int x = x(result.startMs() + s * 1000L);
            g.drawLine(x, y, x, y + 5);
            g.drawString(s + " s", x - 10, y + 20);
        }
        g.drawString("chaos run, seed " + result.seed() + ": " + result.changes().size() + " changes, "
                + result.faults().size() + " faults", LEFT, 18);
    }
}
