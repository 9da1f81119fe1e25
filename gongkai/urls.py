from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from gongkai.catalog.sitemaps import ItemSitemap
from gongkai.routers import api

# Apps add their public pages here (name → Sitemap class).
SITEMAPS = {"catalog": ItemSitemap}

# The site's own Chinese error pages (portal layout; workbench layout under /workbench/).
handler400 = "gongkai.core.error_pages.bad_request"
handler403 = "gongkai.core.error_pages.permission_denied"
handler404 = "gongkai.core.error_pages.page_not_found"
handler500 = "gongkai.core.error_pages.server_error"

admin.site.site_header = "政务公开平台 · 基础数据管理"
admin.site.site_title = "政务公开平台"

urlpatterns = [
    path("api/v1/", api.urls),
    # One sign-in page (password, then the second factor) for the workbench and the admin site.
    path("admin/login/", RedirectView.as_view(pattern_name="workbench:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("workbench/account/", include("gongkai.accounts.urls")),
    path("workbench/", include("gongkai.workbench.urls")),
    path("captcha/", include("captcha.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
# Each duty's public pages and its workbench pages.
for app, prefix in [
    ("catalog", "catalog/"),
    ("applications", "apply/"),
    ("interaction", "interaction/"),
    ("notifications", "mail/"),
    ("search", "search/"),
    ("reports", "reports/"),
    ("workdays", "workdays/"),
    ("screening", "screening/"),
    ("solicitation", "solicitations/"),
    ("guides", "guides/"),
    ("proposals", "proposals/"),
]:
    urlpatterns += [
        path(prefix, include(f"gongkai.{app}.urls")),
        path(f"workbench/{prefix}", include(f"gongkai.{app}.workbench_urls")),
    ]
# The self-check has staff pages only: its overview and ledger, and the live clock dashboard.
urlpatterns += [
    path("workbench/selfcheck/", include("gongkai.selfcheck.workbench_urls")),
    path("workbench/clocks/", include("gongkai.selfcheck.clock_urls")),
]
urlpatterns.append(path("", include("gongkai.portal.urls")))
