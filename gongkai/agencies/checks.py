from django.core.checks import Error, register

from gongkai.agencies.merge import agency_relations, policy_of


@register()
def agency_merge_policies(app_configs, **kwargs):
    errors = []
    for model, field_name in agency_relations():
        if policy_of(model) not in {"custom", "move", "keep"}:
            errors.append(
                Error(
                    f"{model._meta.label}.{field_name} points at Agency but declares no merge policy.",
                    hint='Set AGENCY_MERGE = "move" or "keep", or define on_agency_merge(old, new, field_name).',
                    obj=model,
                    id="gongkai.E002",
                )
            )
    return errors
