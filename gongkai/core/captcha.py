"""The captcha of public forms (messages, solicitation comments): no outside service, accessible.

Challenges are made and checked by django-simple-captcha: the challenge lives in the database
(any app server can check it), each may be answered once, and the image is drawn here with Pillow,
so nothing leaves the machine and the CSP needs no third-party origin. Two forms of challenge:

- ``image`` (default): four digits drawn in a picture — digits rather than Latin letters, which
  not every reader of a Chinese portal types easily;
- ``text``: the accessible alternative for screen-reader users — a small sum asked in Chinese
  words (“七加二等于几？”), answered with digits.

A form asks for it with one field::

    class MessageForm(CaptchaForm, forms.Form): ...
    form = MessageForm(request.POST or None, captcha_mode=captcha_mode(request))

The page links to ``?captcha=text`` (see the widget template) for the text alternative.
"""

from __future__ import annotations

import secrets

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms

IMAGE, TEXT = "image", "text"
DIGITS = 4
CHINESE_NUMBERS = "零一二三四五六七八九十"


def digit_challenge() -> tuple[str, str]:
    """Four random digits; the picture shows them and the answer is the same digits."""
    digits = "".join(secrets.choice("0123456789") for _ in range(DIGITS))
    return digits, digits


def sum_challenge() -> tuple[str, str]:
    """A sum of two numbers from 1 to 9 asked in Chinese words; the answer in digits."""
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return f"{CHINESE_NUMBERS[first]}加{CHINESE_NUMBERS[second]}等于几？", str(first + second)


class ImageCaptchaInput(CaptchaTextInput):
    template_name = "core/captcha_image.html"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, generator=digit_challenge)


class TextCaptchaInput(CaptchaTextInput):
    template_name = "core/captcha_text.html"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, generator=sum_challenge)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        store = CaptchaStore.objects.filter(hashkey=self._key).first()
        context["question"] = store.challenge if store is not None else ""
        return context


def captcha_field(mode: str = IMAGE) -> CaptchaField:
    widget = TextCaptchaInput() if mode == TEXT else ImageCaptchaInput()
    return CaptchaField(
        label="验证码",
        widget=widget,
        error_messages={"invalid": "验证码不正确或已过期，请重新输入", "required": "请填写验证码"},
        help_text="请输入图中的4位数字" if mode != TEXT else "请用阿拉伯数字填写答案",
    )


def captcha_mode(request) -> str:
    """``text`` when the page was asked for the text alternative (``?captcha=text``)."""
    return TEXT if (request.GET.get("captcha") or request.POST.get("captcha_mode")) == TEXT else IMAGE


class CaptchaForm(forms.Form):
    """A form with the ``captcha`` field last; ``captcha_mode`` chooses the image or the text."""

    def __init__(self, *args, captcha_mode: str = IMAGE, **kwargs):
        super().__init__(*args, **kwargs)
        self.captcha_mode = captcha_mode
        self.fields["captcha"] = captcha_field(captcha_mode)
