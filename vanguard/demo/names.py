"""Realistic Chinese names, drawn from a seeded generator so every demo has the same people."""

import random

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
            "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
            "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华文斌志强海燕丹玉兰红梅"
         "云鹏俊杰晓东春梅丽华新华永刚国庆婷婷雪梅桂兰宇航子涵欣怡浩然梓轩一诺思远佳琪雨桐晨阳")


class NameSource:
    def __init__(self, seed: int = 2005):
        self.random = random.Random(seed)
        self.used: set[str] = set()

    def name(self) -> str:
        while True:
            given = "".join(self.random.choice(GIVEN) for _ in range(self.random.choice((1, 2))))
            name = self.random.choice(SURNAMES) + given
            if name not in self.used:
                self.used.add(name)
                return name

    def gender(self) -> str:
        return self.random.choice("MF")

    def chance(self, p: float) -> bool:
        return self.random.random() < p
