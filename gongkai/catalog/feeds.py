"""RSS and Atom feeds of an agency's catalogue, or of one of its columns."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from gongkai.agencies.models import Agency
from gongkai.catalog import selectors
from gongkai.catalog.models import Column

FEED_SIZE = 30


class AgencyRss(Feed):
    description_template = None

    def get_object(self, request, code, column=None):
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise Http404("未找到该机构")
        chosen = None
        if column:
            chosen = Column.objects.filter(agency=agency, code=column).first()
            if chosen is None:
                raise Http404("未找到该栏目")
        return agency, chosen

    def title(self, obj):
        agency, column = obj
        return f"{agency.name} · {column.name if column else '政府信息公开目录'}"

    def link(self, obj):
        agency, column = obj
        if column:
            return reverse("catalog:column", args=[agency.code, column.code])
        return reverse("catalog:agency", args=[agency.code])

    def description(self, obj):
        return f"{self.title(obj)}最新主动公开的政府信息"

    def items(self, obj):
        agency, column = obj
        return selectors.filter_items(
            selectors.public_items(), agency=agency, column=column.code if column else None
        )[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render <description>/<summary> as HTML; summary and body text are plain text.
        return escape(item.summary or item.body_text[:200])

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return item.index_no

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        import datetime as dt

        from django.utils import timezone

        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time(9, 0)))


class AgencyAtom(AgencyRss):
    feed_type = Atom1Feed
    subtitle = AgencyRss.description
