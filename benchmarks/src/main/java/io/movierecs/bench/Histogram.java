package io.movierecs.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A latency histogram as a PNG, with the p50/p95/p99 marked. Headless Java2D, no plotting library. */
final class Histogram {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int BOTTOM = 60;
    private static final int TOP = 50;
    private static final int BINS = 40;

    private Histogram() {
    }

    static void write(double[] millis, Percentiles percentiles, Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double max = Math.max(1, percentiles.max());
        double binWidth = niceBinWidth(max / BINS);
        int bins = (int) Math.ceil(max / binWidth) + 1;
        int[] counts = new int[bins];
        for (double m : millis) {
            counts[(int) Math.min(bins - 1, Math.floor(m / binWidth))]++;
        }
        int highest = java.util.Arrays.stream(counts).max().orElse(1);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotWidth = WIDTH - LEFT - 30;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double xScale = plotWidth / (bins * binWidth);
        g.setColor(new Color(70, 110, 180));
        for (int i = 0; i < bins; i++) {
            int h = (int) Math.round((double) counts[i] / highest * plotHeight);
            int x = LEFT + (int) Math.round(i * binWidth * xScale);
            int w = Math.max(1, (int) Math.round(binWidth * xScale) - 1);
            g.fillRect(x, TOP + plotHeight - h, w, h);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int tick = 0; tick <= 5; tick++) {
            double value = tick * bins * binWidth / 5;
            int x = LEFT + (int) Math.round(value * xScale);
            g.drawLine(x, TOP + plotHeight, x, TOP + plotHeight + 5);
            g.drawString(String.format("%.0f", value), x - 10, TOP + plotHeight + 20);
        }
        g.drawString("milliseconds (bins of " + String.format("%.0f", binWidth) + " ms)", LEFT + plotWidth / 2 - 80,
                HEIGHT - 15);
        g.drawString(String.valueOf(highest), 10, TOP + 10);
        g.drawString("0", 10, TOP + plotHeight);
        mark(g, percentiles.at(50), "p50", xScale, plotHeight, new Color(0, 140, 0));
        mark(g, percentiles.at(95), "p95", xScale, plotHeight, new Color(220, 140, 0));
        mark(g, percentiles.at(99), "p99", xScale, plotHeight, new Color(200, 0, 0));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(percentiles.summary(), LEFT, 38);
        g.dispose();
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static void mark(Graphics2D g, double value, String label, double xScale, int plotHeight, Color color) {
        int x = LEFT + (int) Math.round(value * xScale);
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        g.drawLine(x, TOP, x, TOP + plotHeight);
        g.drawString(String.format("%s %.0f ms", label, value), x + 4, TOP + 14 + (label.equals("p95") ? 16 : 0)
                + (label.equals("p99") ? 32 : 0));
        g.setStroke(new BasicStroke(1f));
    }

    /** 1, 2, 5, 10, 20, 25, 50 ... milliseconds. */
    private static double niceBinWidth(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-3))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= raw) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
