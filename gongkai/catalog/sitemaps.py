"""Sitemap of the public catalogue (published, proactive, non-internal items)."""

from django.contrib.sitemaps import Sitemap

from gongkai.catalog.models import Item


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Item.objects.public().only("index_no", "published_on", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at
