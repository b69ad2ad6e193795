package dev.pulse.warehouse.metrics;

/**
 * The statistics behind the honest numbers: the confidence interval of NPS and the tests that say
 * whether a change between two periods is real, all at 95% with the normal approximation.
 *
 * <p>NPS is the mean of a variable that is +1 for a promoter, 0 for a passive and -1 for a
 * detractor, times 100. Its variance is {@code p + d - (p - d)²} with {@code p} and {@code d} the
 * promoter and detractor shares, so the standard error of NPS is {@code 100·sqrt((p + d - (p - d)²) / n)}.
 */
final class Statistics {

    /** The two-sided 97.5% quantile of the standard normal distribution. */
    static final double Z95 = 1.959963984540054;

    private Statistics() {}

    /** Half-width of the 95% confidence interval of NPS (in NPS points), or null with no responses. */
    static Double npsCi95HalfWidth(long responses, long promoters, long detractors) {
        if (responses <= 0) {
            return null;
        }
        return 100 * Z95 * Math.sqrt(npsVariance(responses, promoters, detractors) / responses);
    }

    /**
     * Two-sample z statistic for the difference of NPS between samples a and b (a - b), or null when
     * either sample is empty. Identical constant samples give 0; different constant samples give ±infinity.
     */
    static Double npsZ(long nA, long promotersA, long detractorsA, long nB, long promotersB, long detractorsB) {
        if (nA <= 0 || nB <= 0) {
            return null;
        }
        double meanA = (promotersA - detractorsA) / (double) nA;
        double meanB = (promotersB - detractorsB) / (double) nB;
        double se = Math.sqrt(
                npsVariance(nA, promotersA, detractorsA) / nA + npsVariance(nB, promotersB, detractorsB) / nB);
        return z(meanA - meanB, se);
    }

    /**
     * Two-proportion z statistic (pooled standard error) for {@code xA/nA - xB/nB}, or null when
     * either sample is empty.
     */
    static Double proportionZ(long xA, long nA, long xB, long nB) {
        if (nA <= 0 || nB <= 0) {
            return null;
        }
        double pooled = (xA + xB) / (double) (nA + nB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        return z(xA / (double) nA - xB / (double) nB, se);
    }

    /** Whether a z statistic rejects "no change" at 95% (two-sided); null stays null. */
    static Boolean significant(Double z) {
        return z == null ? null : Math.abs(z) > Z95;
    }

    private static double npsVariance(long n, long promoters, long detractors) {
        double p = promoters / (double) n;
        double d = detractors / (double) n;
        return Math.max(0, p + d - (p - d) * (p - d));
    }

    private static double z(double difference, double se) {
        if (se == 0) {
            return difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        }
        return difference / se;
    }
}
