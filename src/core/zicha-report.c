/* zicha-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-report"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-report-private.h"

struct _ZichaReport
{
  GObject           parent_instance;

  char             *uuid;
  char             *form_id;
  char             *form_version;
  char             *unit_name;
  char             *unit_code;
  int               year;
  ZichaReportState  state;
  int               revision;
  char             *based_on_uuid;
  GDateTime        *created;
  GDateTime        *modified;
  GDateTime        *finalized;
  char             *digest;
};

G_DEFINE_FINAL_TYPE (ZichaReport, zicha_report, G_TYPE_OBJECT)

static const char * const state_names[] = {
  [ZICHA_REPORT_DRAFT] = "draft",
  [ZICHA_REPORT_FINALIZED] = "finalized",
  [ZICHA_REPORT_SUBMITTED] = "submitted",
  [ZICHA_REPORT_ACKNOWLEDGED] = "acknowledged",
};

const char *
zicha_report_state_to_string (ZichaReportState state)
{
  g_return_val_if_fail (state <= ZICHA_REPORT_ACKNOWLEDGED, NULL);

  return state_names[state];
}

gboolean
zicha_report_state_from_string (const char       *string,
                                ZichaReportState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (string, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }

  return FALSE;
}

const char *
zicha_report_state_get_label (ZichaReportState state)
{
  switch (state)
    {
    case ZICHA_REPORT_DRAFT:
      return _("Draft");
    case ZICHA_REPORT_FINALIZED:
      return _("Finalized");
    case ZICHA_REPORT_SUBMITTED:
      return _("Submitted");
    case ZICHA_REPORT_ACKNOWLEDGED:
      return _("Acknowledged");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
zicha_report_finalize (GObject *object)
{
  ZichaReport *self = ZICHA_REPORT (object);

  g_free (self->uuid);
  g_free (self->form_id);
  g_free (self->form_version);
  g_free (self->unit_name);
  g_free (self->unit_code);
  g_free (self->based_on_uuid);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->finalized, g_date_time_unref);
  g_free (self->digest);

  G_OBJECT_CLASS (zicha_report_parent_class)->finalize (object);
}

static void
zicha_report_class_init (ZichaReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_report_finalize;
}

static void
zicha_report_init (ZichaReport *self)
{
}

ZichaReport *
_zicha_report_new (const ZichaReportFields *fields)
{
  ZichaReport *self = g_object_new (ZICHA_TYPE_REPORT, NULL);

  self->uuid = g_strdup (fields->uuid);
  self->form_id = g_strdup (fields->form_id);
  self->form_version = g_strdup (fields->form_version);
  self->unit_name = g_strdup (fields->unit_name != NULL ? fields->unit_name : "");
  self->unit_code = g_strdup (fields->unit_code != NULL ? fields->unit_code : "");
  self->year = fields->year;
  self->state = fields->state;
  self->revision = fields->revision;
  self->based_on_uuid = g_strdup (fields->based_on_uuid);
  self->created = fields->created != NULL ? g_date_time_ref (fields->created) : NULL;
  self->modified = fields->modified != NULL ? g_date_time_ref (fields->modified) : NULL;
  self->finalized = fields->finalized != NULL ? g_date_time_ref (fields->finalized) : NULL;
  self->digest = g_strdup (fields->digest);

  return self;
}

#define GETTER(type, name) \
  type \
  zicha_report_get_##name (ZichaReport *self) \
  { \
    g_return_val_if_fail (ZICHA_IS_REPORT (self), (type) 0); \
    return self->name; \
  }

GETTER (const char *, uuid)
GETTER (const char *, form_id)
GETTER (const char *, form_version)
GETTER (const char *, unit_name)
GETTER (const char *, unit_code)
GETTER (int, year)
GETTER (ZichaReportState, state)
GETTER (int, revision)
GETTER (const char *, based_on_uuid)
GETTER (GDateTime *, created)
GETTER (GDateTime *, modified)
GETTER (GDateTime *, finalized)
GETTER (const char *, digest)

#undef GETTER

gboolean
zicha_report_is_editable (ZichaReport *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT (self), FALSE);

  return self->state == ZICHA_REPORT_DRAFT;
}
