package dev.pulse.warehouse.demo;

/** Splits a whole number into parts proportional to weights, summing exactly to it (largest remainder). */
final class Apportion {

    private Apportion() {}

    /**
     * @param total the number to split, at least 0
     * @param weights relative weights, not all zero
     * @return one part per weight; the parts add up to {@code total}
     */
    static int[] exactly(int total, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] parts = new int[weights.length];
        double[] remainders = new double[weights.length];
        int assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double share = total * weights[i] / sum;
            parts[i] = (int) Math.floor(share);
            remainders[i] = share - parts[i];
            assigned += parts[i];
        }
        for (int left = total - assigned; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
        }
        return parts;
    }
}
