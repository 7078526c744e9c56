package dev.newsstream.tagger.stance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multinomial logistic regression (softmax) over named features: p(label | x) is proportional to
 * exp(bias[label] + sum of x[f] * w[f][label]). Immutable and thread-safe once built. {@link #train} fits it
 * by full-batch AdaGrad on the mean log-loss plus an L2 penalty; it is deterministic (no randomness, fixed
 * iteration order), so the same examples always give the same weights.
 */
public final class SoftmaxModel {
    private final List<String> labels;
    private final double[] bias;
    private final Map<String, double[]> weights;

    public SoftmaxModel(List<String> labels, double[] bias, Map<String, double[]> weights) {
        this.labels = List.copyOf(labels);
        this.bias = bias.clone();
        Map<String, double[]> w = new HashMap<>(weights.size() * 2);
        weights.forEach((k, v) -> {
            if (v.length != labels.size()) {
                throw new IllegalArgumentException("feature " + k + " has " + v.length + " weights, expected "
                        + labels.size());
            }
            w.put(k, v.clone());
        });
        this.weights = w;
    }

    public List<String> labels() {
        return labels;
    }

    public double[] bias() {
        return bias.clone();
    }

    /** The weights, sorted by feature name (a copy). */
    public Map<String, double[]> weights() {
        Map<String, double[]> out = new TreeMap<>();
        weights.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Probability per label, in {@link #labels()} order. Unknown features are ignored. */
    public double[] probabilities(Map<String, Double> x) {
        double[] z = bias.clone();
        for (Map.Entry<String, Double> e : x.entrySet()) {
            double[] w = weights.get(e.getKey());
            if (w != null) {
                double v = e.getValue();
                for (int k = 0; k < z.length; k++) {
                    z[k] += v * w[k];
                }
            }
        }
        return softmax(z);
    }

    /**
     * The features that pushed hardest toward {@code label}: value × (weight for the label − mean weight over
     * the labels), largest first, positive ones only, as {@code feature:+0.83}.
     */
    public List<String> topFeatures(Map<String, Double> x, int label, int max) {
        List<Map.Entry<String, Double>> contrib = new ArrayList<>();
        for (Map.Entry<String, Double> e : x.entrySet()) {
            double[] w = weights.get(e.getKey());
            if (w == null) {
                continue;
            }
            double mean = 0;
            for (double d : w) {
                mean += d;
            }
            mean /= w.length;
            double c = e.getValue() * (w[label] - mean);
            if (c > 0.005) {
                contrib.add(Map.entry(e.getKey(), c));
            }
        }
        contrib.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> out = new ArrayList<>(Math.min(max, contrib.size()));
        for (int i = 0; i < contrib.size() && i < max; i++) {
            out.add(contrib.get(i).getKey() + ":" + signed2(contrib.get(i).getValue()));
        }
        return out;
    }

    /** "+0.83" (String.format is slow on this path: it runs for every statement). */
    static String signed2(double v) {
        long c = Math.round(Math.abs(v) * 100);
        String frac = Long.toString(c % 100);
        return (v < 0 && c > 0 ? "-" : "+") + c / 100 + "." + (frac.length() == 1 ? "0" + frac : frac);
    }

    /** Training settings: L2 strength, iterations, AdaGrad step, minimum feature count, class balancing. */
    public record Settings(double l2, int iterations, double step, int minCount, boolean balanced) {
        public static Settings defaults() {
            return new Settings(0.01, 300, 0.5, 2, true);
        }
    }

    /** One training example: its features and the index of its label. */
    public record Example(Map<String, Double> features, int label) {
    }

    public static SoftmaxModel train(List<String> labels, List<Example> examples, Settings s) {
        int k = labels.size();
        // features seen in at least minCount examples, indexed in sorted order for a deterministic layout
        Map<String, Integer> counts = new TreeMap<>();
        for (Example e : examples) {
            for (String f : e.features().keySet()) {
                counts.merge(f, 1, Integer::sum);
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        counts.forEach((f, c) -> {
            if (c >= s.minCount() || f.startsWith("vader:")) {
                index.put(f, index.size());
            }
        });
        int n = examples.size();
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        int[] y = new int[n];
        double[] classCount = new double[k];
        for (int i = 0; i < n; i++) {
            Example e = examples.get(i);
            int[] ii = new int[e.features().size()];
            double[] vv = new double[ii.length];
            int m = 0;
            for (Map.Entry<String, Double> fe : e.features().entrySet()) {
                Integer j = index.get(fe.getKey());
                if (j != null) {
                    ii[m] = j;
                    vv[m] = fe.getValue();
                    m++;
                }
            }
            idx[i] = Arrays.copyOf(ii, m);
            val[i] = Arrays.copyOf(vv, m);
            y[i] = e.label();
            classCount[y[i]]++;
        }
        double[] exWeight = new double[n];
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            exWeight[i] = s.balanced() ? n / (k * Math.max(1, classCount[y[i]])) : 1.0;
            totalWeight += exWeight[i];
        }
        int nf = index.size();
        double[] w = new double[nf * k];
        double[] b = new double[k];
        double[] gw = new double[nf * k];
        double[] gb = new double[k];
        double[] hw = new double[nf * k];
        double[] hb = new double[k];
        double[] z = new double[k];
        for (int it = 0; it < s.iterations(); it++) {
            Arrays.fill(gw, 0);
            Arrays.fill(gb, 0);
            for (int i = 0; i < n; i++) {
                System.arraycopy(b, 0, z, 0, k);
                for (int m = 0; m < idx[i].length; m++) {
                    int base = idx[i][m] * k;
                    for (int c = 0; c < k; c++) {
                        z[c] += val[i][m] * w[base + c];
                    }
                }
                double[] p = softmax(z);
                double ew = exWeight[i] / totalWeight;
                for (int c = 0; c < k; c++) {
                    double g = (p[c] - (c == y[i] ? 1 : 0)) * ew;
                    gb[c] += g;
                    for (int m = 0; m < idx[i].length; m++) {
                        gw[idx[i][m] * k + c] += g * val[i][m];
                    }
                }
            }
            for (int j = 0; j < gw.length; j++) {
                double g = gw[j] + s.l2() * w[j];
                hw[j] += g * g;
                if (hw[j] > 0) {
                    w[j] -= s.step() * g / Math.sqrt(hw[j]);
                }
            }
            for (int c = 0; c < k; c++) {
                hb[c] += gb[c] * gb[c];
                if (hb[c] > 0) {
                    b[c] -= s.step() * gb[c] / Math.sqrt(hb[c]);
                }
            }
        }
        Map<String, double[]> weights = new TreeMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            double[] row = new double[k];
            boolean any = false;
            for (int c = 0; c < k; c++) {
                row[c] = round(w[e.getValue() * k + c]);
                any |= row[c] != 0;
            }
            if (any) {
                weights.put(e.getKey(), row);
            }
        }
        double[] bias = new double[k];
        for (int c = 0; c < k; c++) {
            bias[c] = round(b[c]);
        }
        return new SoftmaxModel(labels, bias, weights);
    }

    /** Weights are kept to 5 decimals so that the committed file is stable and readable. */
    private static double round(double d) {
        return Math.round(d * 1e5) / 1e5;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : z) {
            max = Math.max(max, d);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
