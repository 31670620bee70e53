"""Chinese entity values and chat fillers for the Chinese NLU generator (own lists)."""
from __future__ import annotations

import random
from typing import Optional, Tuple

from shopassist.nlu.zh.grammar.common import GOODS

EntityValue = Tuple[str, Optional[str]]

CITIES = ["北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安", "南京", "重庆", "天津",
          "苏州", "长沙", "郑州", "青岛", "沈阳", "大连", "厦门", "宁波", "合肥", "昆明", "哈尔滨",
          "济南", "福州", "无锡", "东莞", "佛山", "石家庄", "南宁", "贵阳", "兰州", "乌鲁木齐",
          "拉萨", "呼和浩特", "海口", "三亚", "珠海", "温州", "扬州", "桂林", "香港", "澳门", "台北",
          "北京市", "上海市", "深圳市", "广州市", "杭州市", "成都市"]
PROVINCES = ["广东", "浙江", "江苏", "四川", "湖北", "湖南", "山东", "河南", "河北", "福建", "云南",
             "广西", "新疆", "西藏", "内蒙古", "黑龙江", "吉林", "辽宁", "陕西", "山西", "甘肃", "海南",
             "广东省", "浙江省", "江苏省", "四川省", "云南省", "福建省"]
COUNTRIES = ["中国", "美国", "英国", "日本", "韩国", "德国", "法国", "加拿大", "澳大利亚", "新加坡",
             "马来西亚", "新西兰", "意大利", "西班牙", "荷兰", "泰国", "越南", "俄罗斯", "巴西", "印度"]
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
            "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
            "欧阳", "司马", "诸葛"]
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
         "明", "超", "秀英", "霞", "平", "刚", "桂英", "小明", "小红", "建国", "志强", "海燕", "晓东",
         "雨萱", "子涵", "浩然", "梓轩", "欣怡", "一鸣", "思琪", "俊杰"]
ACCOUNT_TYPES = [("高级", "premium"), ("白金", "platinum"), ("金牌", "gold"),
                 ("标准", "standard"), ("免费", "free"), ("基础", "basic"), ("专业", "pro"),
                 ("普通", "standard"), ("VIP", "premium"), ("premium", None), ("Pro", "pro"),
                 ("gold", None), ("platinum", None)]
# {item}: product words only (session 7: the first list also had 包裹, 快递, 东西 and 宝贝, which
# made "有没有快递" a product search; the grammar names parcels where a parcel is meant)
ITEMS = GOODS
EMAIL_USERS = ["zhangwei", "li.na", "wang_fang88", "chen.jie", "liuyang2020", "xiaoming.w",
               "huang.li", "zhao123", "sunny.sun", "lin_xy"]
EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "example.com", "outlook.com",
                 "sina.com", "foxmail.com"]
CN_DIGITS = "零一二三四五六七八九"

WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def _digits(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return str(10000000 + rng.randint(1, 99999))
    if r < 0.55:
        return "0" * rng.randint(1, 3) + str(rng.randint(10000, 9999999))
    n = rng.randint(6, 14)
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def order_id(rng: random.Random) -> EntityValue:
    """Order numbers: ASCII or full-width digits, sometimes '#'-prefixed (span = token)."""
    digits = _digits(rng)
    if rng.random() < 0.2:
        digits = digits.translate(WIDE)
    if rng.random() < 0.08:
        digits = rng.choice(["#", "＃"]) + digits
    return digits, None


def invoice_id(rng: random.Random) -> EntityValue:
    r = rng.random()
    if r < 0.45:
        return "#" + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(4, 8))), None
    num = str(20000000 + rng.randint(1, 99999))
    return rng.choice(["INV-", "INV-", "inv-", "INV"]) + num, None


def person_name(rng: random.Random) -> EntityValue:
    return rng.choice(SURNAMES) + rng.choice(GIVEN), None


def chinese_number(n: int) -> str:
    """1..9999 in Chinese numerals (一百九十九)."""
    if n < 10:
        return CN_DIGITS[n]
    out, units, started, zero = "", [(1000, "千"), (100, "百"), (10, "十")], False, False
    for value, unit in units:
        d = n // value
        n %= value
        if d:
            if zero:
                out += "零"
                zero = False
            out += ("" if (unit == "十" and d == 1 and not started) else CN_DIGITS[d]) + unit
            started = True
        elif started:
            zero = True
    if n:
        out += ("零" if zero else "") + CN_DIGITS[n]
    return out


def refund_amount(rng: random.Random) -> EntityValue:
    """The number of an amount ("199" of 199元 / ¥199, "一百九十九" of 一百九十九块)."""
    n = rng.choice([rng.randint(5, 99), rng.randint(100, 3000)])
    r = rng.random()
    if r < 0.25:
        return chinese_number(n), str(n)
    if r < 0.35:
        return f"{n}.{rng.randint(0, 99):02d}", None
    return str(n), None


def delivery_city(rng: random.Random) -> EntityValue:
    return rng.choice(CITIES + PROVINCES), None


def delivery_country(rng: random.Random) -> EntityValue:
    return rng.choice(COUNTRIES), None


def account_type(rng: random.Random) -> EntityValue:
    surface, value = rng.choice(ACCOUNT_TYPES)
    return surface, value


def email(rng: random.Random) -> EntityValue:
    return f"{rng.choice(EMAIL_USERS)}@{rng.choice(EMAIL_DOMAINS)}", None


def phone(rng: random.Random) -> EntityValue:
    number = "1" + rng.choice("3456789") + "".join(str(rng.randint(0, 9)) for _ in range(9))
    return (("+86 " + number) if rng.random() < 0.2 else number), None


def rating(rng: random.Random) -> EntityValue:
    n = rng.randint(1, 5)
    if rng.random() < 0.4:
        return CN_DIGITS[n], str(n)
    return str(n), None


ENTITY_GENERATORS = {
    "order_id": order_id, "invoice_id": invoice_id, "person_name": person_name,
    "refund_amount": refund_amount, "delivery_city": delivery_city,
    "delivery_country": delivery_country, "account_type": account_type, "email": email,
    "phone": phone, "rating": rating,
}
