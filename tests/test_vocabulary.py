"""One vocabulary per domain: every mirror of a code list or a label equals its source.

A domain's codes and labels are written once (``<app>/vocabulary.py``); the models' ``TextChoices``,
the pure rules' tables and the import resolvers derive from them. These tests fail when a copy
drifts: a new state without an entry in the lifecycle, a detector without a label, a label typed
twice.
"""

from __future__ import annotations

import pytest
from django.db import models

from gongkai.applications import choices as application_choices
from gongkai.applications import clock, fees, lifecycle
from gongkai.applications import vocabulary as applications
from gongkai.applications.letters import texts as letter_texts
from gongkai.applications.models import Application, ApplicationEvent, Review
from gongkai.catalog import import_candidates, import_forms
from gongkai.catalog import vocabulary as catalog
from gongkai.core.choices import text_choices
from gongkai.core.vocabulary import Labelled
from gongkai.interaction import choices as interaction_choices
from gongkai.interaction import vocabulary as interaction
from gongkai.screening import detectors, screen
from gongkai.screening import vocabulary as screening


def _same(derived: type[models.TextChoices], source: type[Labelled]) -> bool:
    return derived.__name__ == source.__name__ and [(m.name, m.value, m.label) for m in derived] == [
        (m.name, m.value, m.label) for m in source
    ]


@pytest.mark.parametrize(
    ("derived_module", "source_module"),
    [(application_choices, applications), (interaction_choices, interaction)],
    ids=["applications", "interaction"],
)
def test_text_choices_are_derived_from_the_vocabulary(derived_module, source_module):
    derived = {
        name: value
        for name, value in vars(derived_module).items()
        if isinstance(value, type) and issubclass(value, models.TextChoices)
    }
    assert derived
    for name, choices in derived.items():
        assert _same(choices, getattr(source_module, name)), name


def test_text_choices_keep_name_codes_and_labels():
    class Sample(Labelled):
        ONE = "one", "一"
        TWO = "two.sub", "二：子项"

    derived = text_choices(Sample)
    assert _same(derived, Sample)
    assert derived.choices == Sample.choices() == [("one", "一"), ("two.sub", "二：子项")]
    assert Sample.label_of("two.sub") == "二：子项" and Sample.label_of("unknown") == "unknown"


def test_application_fields_use_the_vocabulary():
    pairs = [
        (Application, "state", applications.State),
        (Application, "applicant_type", applications.ApplicantType),
        (Application, "outcome", applications.Outcome),
        (Application, "channel", applications.Channel),
        (ApplicationEvent, "action", applications.Action),
        (Review, "kind", applications.ReviewKind),
        (Review, "result", applications.ReviewResult),
    ]
    for model, field, enum in pairs:
        assert list(model._meta.get_field(field).choices) == enum.choices(), (model, field)


def test_lifecycle_covers_every_state_and_names_only_known_acts():
    assert applications.State.labels() == lifecycle.STATE_LABELS
    assert set(lifecycle.ALLOWED) == set(applications.State)
    assert set(applications.Action) >= lifecycle.ACTIONS
    assert set(application_choices.OPEN_STATES) == set(applications.State) - {applications.State.CONCLUDED}


def test_concluding_acts_are_defined_once():
    assert letter_texts.CONCLUDING_ACTIONS is clock.CONCLUSIONS
    assert set(clock.CONCLUSIONS) <= set(applications.Action)
    outcomes = {outcome for outcome in clock.CONCLUSIONS.values() if outcome is not None}
    assert outcomes <= set(applications.Outcome)
    assert set(applications.LAPSE_OUTCOMES) <= outcomes


def test_fee_methods_are_the_vocabulary():
    assert set(fees.METHODS) == set(applications.FeeMethod)
    assert (fees.PER_ITEM, fees.PER_PAGE) == (applications.FeeMethod.PER_ITEM, applications.FeeMethod.PER_PAGE)


def test_screening_kinds_have_one_label_each():
    assert set(detectors.KINDS) == set(screening.FindingKind)
    assert {severity for severity, _ in detectors.KINDS.values()} == set(screening.Severity)
    assert screening.FindingKind.labels() == screen.KIND_LABELS
    assert screening.Severity.labels() == screen.SEVERITY_LABELS


def test_screening_and_applicant_document_codes_follow_their_contracts():
    # domain/screening.md names the detector hk_macau_permit; API.md's id_type uses hk_macao_permit.
    assert "hk_macau_permit" in set(screening.FindingKind)
    assert "hk_macao_permit" in set(applications.IdType)


@pytest.mark.parametrize("choices", [catalog.Genre, catalog.Topic, catalog.Audience, catalog.Disclosure])
def test_one_resolver_reads_catalogue_codes_and_labels(choices):
    for code, label in choices.choices:
        assert catalog.code_of(choices, code) == code
        assert catalog.code_of(choices, f" {label} ") == code
    assert catalog.code_of(choices, "不存在的分类") is None


def test_catalogue_imports_use_the_genre_vocabulary():
    assert catalog.Genre.choices == import_forms.GENRE_CHOICES
    assert import_candidates.genre_code("规 章") == "rule"
    assert import_candidates.genre_code("规范性文件") == "normative_document"
    assert set(catalog.GENRE_ALIASES.values()) <= set(catalog.Genre.values)
