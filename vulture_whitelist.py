# ruff: noqa: B018 - bare attribute reads are how vulture whitelists mark a name used
"""Names vulture (pyproject.toml, [tool.vulture]) cannot see used: reached by
Django, allauth, Celery or openpyxl by name, in a string, or by a template.
Read by vulture only, never imported. A name listed here counts as used
everywhere, so list only what is truly reached that way."""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Dotted paths in settings.py: ACCOUNT_ADAPTER, ACCOUNT_FORMS, FORM_RENDERER,
# the context processor, WSGI_APPLICATION.
_.PortalAccountAdapter, _.PortalSignupForm, _.PortalLoginForm, _.FormRenderer, _.portal
_.application

# Framework hooks and options set or called by name.
_.pre_authenticate  # allauth's adapter calls it before checking a password
_.view_func, _.view_args, _.view_kwargs  # Django's process_view(request, …) signature
_.touch, _.has_key, _.set_many  # Django's cache API (gecolib/cache.py wraps it)
_.beat_schedule  # Celery's configuration
_.site_header, _.site_title  # the admin site's titles
_.status_code  # set on a response
_.recipient_list, _.send_again  # admin column and action, named in list_display / actions
_.request_rework  # health-project transition, called through getattr from its name
_.help_text, _.max_length, _.min_value, _.disabled, _.input_formats  # form field options
_.permanent, _.query_string  # RedirectView options
_.default_renderer  # Django's form option: the renderer of a form class
_.regex, _.to_url  # Django's path converter API (structures/urls.py)
_.moved_from  # marks a former address's view (gecolib/moved_urls.py), read by the URL tests
_.sent_at  # notification field, read in queries (sent_at__isnull) and the admin
_.data_type, _.font, _.freeze_panes, _.ref  # openpyxl cell and sheet attributes
_.ACCOUNT, _.PERSONAL_DATA  # ContactSubject members, offered through .choices

# Declared form and filter fields, read through cleaned_data and the templates.
_.need, _.scope, _.annee, _.du, _.au, _.create_anyway, _.confirm, _.publish_at
_.base_version

# Properties, methods and dataclass fields read only by templates.
_.participant_total, _.is_overdue, _.main_participant_fields, _.others_open, _.next_open
_.percent, _.type_label, _.stage_steps
_.html_segments, _.block_class, _.restore_url  # gecolib/diff.py, gecolib/revisions.py
_.breadcrumb, _.version_body, _.intro, _.frozen_label  # gecolib/views/revisions.py
_.is_coordinator, _.gp, _.generated, _.guidance, _.inserts, _.cover_section, _.team_total
_.generated_on  # structures/documents.py

# Model fields: database columns written by forms, the admin and state changes,
# read by templates, querysets (by name) or kept for the record.
_.id, _.username, _.rpps, _.updated_at, _.created_by_id, _.finished_at, _.attempts
_.last_error, _.answered_by, _.answered_at
_.closing_summary, _.first_session_on, _.last_session_on, _.next_planned_on
_.open_followups_due_on, _.assigned_by, _.shared_summary, _.private_notes, _.next_steps
_.other_need, _.availability, _.redirected_to, _.decline_reason, _.decided_at
_.uploaded_by, _.detached_at, _.added_by, _.scheduled_at, _.review_note, _.draft_page
_.title_terms, _.summary_terms, _.body_terms, _.vector
_.submission_deadline, _.notes, _.scheduled_by, _.outcome_recorded_at, _.invited_by
_.changed_by

# ---------------------------------------------------------------------------
# protocols/ (coordination, cooperation, rcp): the same kinds of names.

_.validate_unique  # ModelForm hook
_.ANY, _.FEMALE, _.MALE  # Sex members, offered through .choices
_.min_age, _.min_age_unit, _.max_age_unit, _.repeat  # declared form fields
# Read only by templates.
_.review_overdue, _.patients_label, _.financing_rules, _.target_reached, _.on_time_rate
_.done_on_time, _.counts_missing
_.rows_in_order, _.saved_date  # a formset's rows in the order typed; a value row's saved date
# Model fields.
_.entered_by, _.reference_text, _.reference_date, _.withdrawn_on, _.added_on, _.problem
_.problem_source, _.problem_detail, _.objectives, _.inclusion_criteria
_.exclusion_criteria, _.information_sharing, _.patient_involvement, _.references
_.copied_from, _.minutes_validated_by, _.presenter, _.closing_comment, _.closed_by

# Options of a versioned document's spec, read by templates/revisions/*.html.
_.back_label, _.empty_text, _.current_label, _.restore_label
# The follow-up actions of an RCP decision, read by rcp/_decision_row.html.
_.followups
_.requested_by, _.requested_at, _.changes_slug, _.changes_parent  # guide/edit.html (PageMove)
_.confirm_names  # a declared admin form field (protocols/rcp/admin.py), posted by the form
_.formfield_overrides  # Django admin option
_.RECIPIENTS  # every RCP notification kind, walked by tests/protocols/rcp/test_recipients.py
_.validate_no_identity_markers  # referenced by the RCP migrations' field validators
_.decompress  # Django's MultiWidget hook (protocols/cooperation/forms/activity.py)
_.is_future, _.count_fields, _.error_id  # a month of the cooperation year grid (its template)
_.proposed_by  # the proposer of an RCP agenda item (read through select_related, templates)
_.topic  # a to-do's tool, shown by gecolib/templates/gecolib/_todos.html
# The validation record of a coordination protocol, read by its templates.
_.validation_recorded_by, _.validated_by_meeting, _.asker_name
_.restored_note_needed  # read by templates/revisions/*.html
# ACI rules (structures/models/aci.py), read by templates and lookups.
_.signed, _.structure_kind, _.rule_date
_.since  # a to-do waiting since a day, shown by gecolib/templates/gecolib/_todos.html
_.holiday  # an RCP series' meeting on a public holiday, read by rcp/_series_table.html

# Pro Santé Connect (gecolib/psc): allauth's provider, adapter and form, found by
# dotted path or app discovery, and their hooks, called by name.
_.PortalSocialAccountAdapter, _.PSCSignupForm, _.provider_classes
_.pre_social_login, _.complete_login, _.extract_uid, _.extract_common_fields
_.extract_email_addresses, _.get_pkce_params, _.get_default_scope, _.get_scope
_.get_scope_from_request, _.get_auth_params_from_request, _.authorize_url, _.access_token_url
_.account_class, _.oauth2_adapter_class, _.pkce_enabled_default, _.provider_id, _.basic_auth
_.endpoints, _.form_action_origins  # called by gecolib/settings.py

# The questionnaire of a closed facilitation (facilitations/models/feedback.py):
# its wording's fields, named by revision_fields; the summaries read by
# facilitations/templates/facilitations/feedback/*.html.
_.satisfaction_question, _.helps_question, _.listening_question, _.neutrality_question
_.recommend_question, _.comment_question, _.questionnaire_revision
_.average_satisfaction, _.nps, _.posture_rows, _.satisfaction_rows, _.response_rate

# The self-assessments (assessments/): fields and properties read by their
# templates, the admin and the reports; the figures of gecolib/evidence.py.
_.grid_version, _.opened_by, _.meeting_on, _.meeting_label, _.recorded_at, _.introduction
_.aligned, _.has_reference, _.characteristic_list, _.done_comment, _.done_by
_.disagreement, _.met
