"""The stored form of a published file, shared by the apps that publish files with a record."""

from django.db import models


class PublishedFile(models.Model):
    """A validated upload kept with its original name, size, type and extracted text (for search and
    screening). Subclasses add the foreign key to their record and redefine ``file`` with their own
    ``upload_to`` folder; their ``Meta`` gives the Chinese names and the ordering."""

    file = models.FileField("文件")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小")
    content_type = models.CharField("类型", max_length=100)
    text = models.TextField("提取文本", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name
