package dev.pulse.warehouse.demo;

import java.util.List;

/**
 * The 31 provinces of mainland China in their sales region, with a weight for how many customers
 * live there and a few of their cities; the demo data puts its customers here.
 */
final class Geography {

    /** A province, its region, its share of customers (relative) and some of its cities. */
    record Province(String name, String region, double weight, List<String> cities) {}

    static final List<Province> PROVINCES = List.of(
            new Province("北京", "华北", 4.0, List.of("北京")),
            new Province("天津", "华北", 2.0, List.of("天津")),
            new Province("河北", "华北", 3.5, List.of("石家庄", "唐山", "保定")),
            new Province("山西", "华北", 1.8, List.of("太原", "大同")),
            new Province("内蒙古", "华北", 1.2, List.of("呼和浩特", "包头")),
            new Province("辽宁", "东北", 2.5, List.of("沈阳", "大连")),
            new Province("吉林", "东北", 1.3, List.of("长春", "吉林")),
            new Province("黑龙江", "东北", 1.6, List.of("哈尔滨", "大庆")),
            new Province("上海", "华东", 5.0, List.of("上海")),
            new Province("江苏", "华东", 6.0, List.of("南京", "苏州", "无锡")),
            new Province("浙江", "华东", 5.5, List.of("杭州", "宁波", "温州")),
            new Province("安徽", "华东", 2.6, List.of("合肥", "芜湖")),
            new Province("福建", "华东", 2.8, List.of("福州", "厦门", "泉州")),
            new Province("江西", "华东", 1.9, List.of("南昌", "赣州")),
            new Province("山东", "华东", 5.0, List.of("济南", "青岛", "烟台")),
            new Province("河南", "华中", 4.0, List.of("郑州", "洛阳")),
            new Province("湖北", "华中", 3.2, List.of("武汉", "宜昌")),
            new Province("湖南", "华中", 3.0, List.of("长沙", "株洲")),
            new Province("广东", "华南", 7.5, List.of("广州", "深圳", "东莞", "佛山")),
            new Province("广西", "华南", 2.0, List.of("南宁", "桂林")),
            new Province("海南", "华南", 0.6, List.of("海口", "三亚")),
            new Province("重庆", "西南", 2.4, List.of("重庆")),
            new Province("四川", "西南", 3.6, List.of("成都", "绵阳")),
            new Province("贵州", "西南", 1.3, List.of("贵阳", "遵义")),
            new Province("云南", "西南", 1.6, List.of("昆明", "大理")),
            new Province("西藏", "西南", 0.2, List.of("拉萨")),
            new Province("陕西", "西北", 2.2, List.of("西安", "宝鸡")),
            new Province("甘肃", "西北", 0.9, List.of("兰州", "天水")),
            new Province("青海", "西北", 0.3, List.of("西宁")),
            new Province("宁夏", "西北", 0.3, List.of("银川")),
            new Province("新疆", "西北", 1.0, List.of("乌鲁木齐", "喀什")));

    /** The regions in display order, as {@code pulse.regions} lists them by default. */
    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");

    private Geography() {}

    /** The index of a region in {@link #REGIONS}. */
    static int regionIndex(String region) {
        int i = REGIONS.indexOf(region);
        if (i < 0) {
            throw new IllegalArgumentException("not a region: " + region);
        }
        return i;
    }
}
