package dev.pulse.warehouse.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/** Names, categories and the comments customers write, in Chinese and English, for the demo data. */
final class DemoVocabulary {

    static final List<String> SURNAMES = List.of(
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑",
            "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹");
    static final List<String> GIVEN = List.of(
            "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平",
            "刚", "桂英", "晨", "浩然", "子涵", "欣怡", "梓轩", "雨桐", "宇航");
    static final List<String> CATEGORIES = List.of("手机数码", "家用电器", "服饰鞋包", "美妆个护", "食品生鲜", "家居家装", "母婴玩具", "图书文娱");
    /** Typical basket in yuan per category, same order as {@link #CATEGORIES}. */
    static final double[] TYPICAL_AMOUNT = {2200, 1600, 260, 180, 120, 420, 300, 80};

    static final List<String> CHANNELS = List.of("app", "web", "store", "wechat", "phone");
    static final double[] CHANNEL_WEIGHTS = {0.38, 0.2, 0.17, 0.2, 0.05};

    static final List<String> PROMOTER_ZH =
            List.of("物流很快，包装完好，非常满意！", "客服态度很好，问题一次就解决了。", "质量超出预期，会推荐给朋友。", "价格实惠，活动力度大，点赞。", "门店服务热情，体验很好。");
    static final List<String> PASSIVE_ZH = List.of("总体还可以，就是配送慢了一点。", "商品不错，但是价格偏高。", "一般般吧，没有特别惊喜。", "包装可以再改进一下。");
    static final List<String> DETRACTOR_ZH =
            List.of("快递太慢了，等了一个星期才到。", "客服一直不回复，非常失望。", "商品有质量问题，退货流程太麻烦。", "价格比别家贵，以后不会再买了。", "发错货了，投诉了三次才处理。");
    static final List<String> PROMOTER_EN = List.of(
            "Fast delivery and great quality, very happy.",
            "Support solved my issue on the first call.",
            "Will definitely recommend to friends.");
    static final List<String> PASSIVE_EN =
            List.of("It was fine, delivery could be faster.", "Good product but a bit pricey.");
    static final List<String> DETRACTOR_EN = List.of(
            "Delivery took over a week.",
            "Nobody answered my complaint, very disappointed.",
            "The item arrived broken and the return process is painful.");

    static final List<String> COMPLAINT = List.of(
            "订单已经超时三天还没发货，请尽快处理。",
            "收到的商品有破损，要求换货。",
            "退款申请提交一周了还没到账。",
            "客服电话一直打不通。",
            "The package was delivered to the wrong address.",
            "I was charged twice for one order.");
    static final List<String> INQUIRY =
            List.of("请问这款产品支持全国联保吗？", "会员积分怎么兑换？", "发票可以开公司抬头吗？", "How long does delivery to Xinjiang take?");
    static final List<String> SUGGESTION =
            List.of("建议增加夜间配送时段。", "希望App能支持分期付款。", "门店营业时间可以延长一些。", "Please add an English version of the app.");
    static final List<String> PRAISE =
            List.of("快递小哥服务非常好，特此表扬！", "售后处理很及时，谢谢。", "Great service at the Shenzhen store.");

    private DemoVocabulary() {}

    static String pick(List<String> list, RandomGenerator random) {
        return list.get(random.nextInt(list.size()));
    }

    /** A comment matching an NPS score, in the language given; {@code null} for most responses. */
    static String comment(int nps, boolean english, RandomGenerator random) {
        if (nps >= 9) {
            return pick(english ? PROMOTER_EN : PROMOTER_ZH, random);
        }
        if (nps >= 7) {
            return pick(english ? PASSIVE_EN : PASSIVE_ZH, random);
        }
        return pick(english ? DETRACTOR_EN : DETRACTOR_ZH, random);
    }

    static String feedback(String category, RandomGenerator random) {
        return pick(
                switch (category) {
                    case "complaint" -> COMPLAINT;
                    case "inquiry" -> INQUIRY;
                    case "suggestion" -> SUGGESTION;
                    default -> PRAISE;
                },
                random);
    }

    /** Picks an index with the given relative weights. */
    static int weighted(double[] weights, RandomGenerator random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
