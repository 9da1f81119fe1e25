"""Django password validators for the rules of ``gongkai.accounts.passwords`` (Chinese messages)."""

from django.core.exceptions import ValidationError

from gongkai.accounts import passwords


class MinimumLengthValidator:
    def __init__(self, min_length: int = passwords.MINIMUM_LENGTH):
        self.min_length = min_length

    def validate(self, password, user=None):
        if passwords.too_short(password, self.min_length):
            raise ValidationError(
                f"密码太短：至少需要{self.min_length}个字符。", code="password_too_short"
            )

    def get_help_text(self):
        return f"密码至少{self.min_length}个字符。"


class CharacterClassesValidator:
    def __init__(self, min_classes: int = passwords.MINIMUM_CLASSES):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if passwords.too_simple(password, self.min_classes):
            raise ValidationError(
                f"密码太简单：须包含{self._classes()}中的至少{self.min_classes}类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"密码须包含{self._classes()}中的至少{self.min_classes}类。"

    @staticmethod
    def _classes() -> str:
        return "、".join(passwords.CLASS_LABELS.values())
