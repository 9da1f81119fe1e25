"""Workbench: the agency's 政府信息公开指南 settings (agency admin), and the guide now published."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from gongkai.agencies import permissions
from gongkai.applications import disclosure_guide, services
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.workbench.context import staff_view


class GuideSettingsForm(forms.Form):
    fax = forms.CharField(label="传真号码", max_length=50, required=False)
    postal_address = forms.CharField(label="通信地址", max_length=200, required=False)
    postal_code = forms.CharField(label="邮政编码", max_length=10, required=False)
    review_body = forms.CharField(
        label="行政复议机关", max_length=100, required=False, help_text="如：示范市人民政府"
    )
    accepts_online = forms.BooleanField(label="接受网上申请", required=False)
    accepts_in_person = forms.BooleanField(label="接受当面申请", required=False)
    accepts_post = forms.BooleanField(label="接受信函申请", required=False)
    accepts_fax = forms.BooleanField(label="接受传真申请", required=False)


FIELDS = list(GuideSettingsForm.base_fields)


@staff_view
def guide_settings(request):
    agency = request.agency
    if agency is None:
        return redirect("workbench:home")
    permissions.require(request.user, "view", agency)
    settings = disclosure_guide.settings_of(agency)
    can_manage = permissions.may(request.user, "manage", agency)
    form = GuideSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(settings, name) for name in FIELDS},
    )
    status = 200
    if request.method == "POST":
        permissions.require(request.user, "manage", agency)
        if form.is_valid():
            try:
                services.update_guide_settings(agency, actor=request.user, **form.cleaned_data)
            except InvalidInput as error:
                field = (error.details or {}).get("field")
                form.add_error(field if field in form.fields else None, error.message)
            except RuleViolation as error:  # screening found more than the office's contacts
                form.add_error(None, error.message)
            else:
                messages.success(request, "已保存；指南内容有变化的，已发布新版本")
                return redirect("applications_staff:guide_settings")
        status = 400
    context = {
        "form": form,
        "settings": settings,
        "can_manage": can_manage,
        "preview": disclosure_guide.html(agency, settings),
    }
    return render(request, "applications/workbench_guide.html", context, status=status)
