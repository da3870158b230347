/* zicha-dengbao-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's deadlines: the 等级保护 duties (ZichaDengbaoSchedule) and
 * the report's threat notices (ZichaNoticeSuggestions), both computed by
 * the editor after each validation and each "notices-changed" of the
 * application. The page only lays them out and writes accepted
 * suggestions through the session (autosaved, undoable).
 */
#define G_LOG_DOMAIN "zicha-dengbao-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zicha-dengbao-page.h"
#include "zicha-feedback-dialog.h"
#include "zicha-notice-suggestion.h"

/* Duties named in a summary row; the rest are counted. */
#define MAX_NAMED_DUTIES 5
/* How often the hours left of the notices are redrawn. */
#define CLOCK_SECONDS 60
/* A rebuild waits for the editor's own low-priority update, which brings
 * the new schedule for the same change (notices-changed, an edit): one
 * rebuild for both. */
#define REFRESH_PRIORITY (G_PRIORITY_LOW + 1)
/* On the rows and buttons that keep the focus across a rebuild: what they
 * stand for ("add:…", "notice:…", …), the same in the rebuilt page. */
#define FOCUS_KEY "zicha-focus-key"
/* The focus key that stands for the suggestions group. */
#define FOCUS_SUGGESTIONS "suggestions"

struct _ZichaDengbaoPage
{
  AdwPreferencesPage    parent_instance;

  ZichaReportSession     *session;
  ZichaDengbaoSchedule   *schedule;
  ZichaNoticeSuggestions *notices;      /* of the last refresh; NULL if the store failed */
  GPtrArray              *groups;       /* AdwPreferencesGroup added by the last refresh */
  GPtrArray              *time_labels;  /* GtkLabel of each notice's time left */
  guint                   clock_source;
  guint                   refresh_source;
  gboolean                stale;        /* something changed while the page was off screen */
  GtkWidget              *suggestions_group;  /* of the last refresh, or NULL */
  char                   *focus_after_add;    /* FOCUS_KEY for after a suggestion was added */
};

G_DEFINE_FINAL_TYPE (ZichaDengbaoPage, zicha_dengbao_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  ITEM_ACTIVATED,
  ITEM_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading the form -------------------------------------------------------- */

static ZichaFormItem *
lookup_item (ZichaDengbaoPage *self,
             const char       *path)
{
  return zicha_form_lookup_item (zicha_report_session_get_form (self->session), path, NULL);
}

/* The table at @path, or NULL when the form has no such table. */
static ZichaFormItem *
lookup_table (ZichaDengbaoPage *self,
              const char       *path)
{
  ZichaFormItem *item = lookup_item (self, path);

  return item != NULL && zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE ? item : NULL;
}

/* The problems narrative, when the form has it as text. */
static ZichaFormItem *
lookup_problems (ZichaDengbaoPage *self)
{
  ZichaFormItem *item = lookup_item (self, ZICHA_DENGBAO_PROBLEMS_PATH);

  if (item == NULL)
    return NULL;
  switch (zicha_form_item_get_item_type (item))
    {
    case ZICHA_FORM_ITEM_LONG_TEXT:
    case ZICHA_FORM_ITEM_TEXT:
      return item;
    default:
      return NULL;
    }
}

/* A column's label in the user's language, as the table shows it. */
static const char *
column_label (ZichaFormItem *table,
              const char    *column_id,
              const char    *fallback)
{
  ZichaFormItem *column = table != NULL ? zicha_form_item_lookup_column (table, column_id) : NULL;

  return column != NULL ? zicha_localized_text_get_for_locale (zicha_form_item_get_label (column)) : fallback;
}

static const char *
option_label (ZichaFormItem *table,
              const char    *column_id,
              const char    *value)
{
  ZichaFormItem *column = table != NULL ? zicha_form_item_lookup_column (table, column_id) : NULL;
  const ZichaFormOption *option = column != NULL ? zicha_form_item_lookup_option (column, value) : NULL;

  return option != NULL ? zicha_localized_text_get_for_locale (option->label) : value;
}

/* The level as the systems table offers it, in the user's language. */
static const char *
level_label (ZichaFormItem            *systems,
             const ZichaDengbaoSystem *system)
{
  static const char * const values[] = { NULL, "unrated", "l1", "l2", "l3", "l4", "l5" };
  const char *value = system->level < G_N_ELEMENTS (values) ? values[system->level] : NULL;

  if (value == NULL)
    return *system->level_label != '\0' ? system->level_label : NULL;
  return option_label (systems, ZICHA_DENGBAO_COLUMN_LEVEL, value);
}

/* The column the jump to a row names: the editor opens that row. */
static ZichaFormItem *
first_column (ZichaFormItem *table)
{
  ZichaFormItem *name = zicha_form_item_lookup_column (table, ZICHA_DENGBAO_COLUMN_NAME);

  if (name != NULL)
    return name;
  return zicha_form_item_get_n_columns (table) > 0 ? zicha_form_item_get_column (table, 0) : NULL;
}

/* Text ------------------------------------------------------------------- */

static char *
format_iso (const GDate *date)
{
  char buffer[16];

  if (!g_date_valid (date))
    return NULL;
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

static const char *
system_name (const ZichaDengbaoSystem *system)
{
  return *system->name != '\0' ? system->name : _("Unnamed system");
}

/* Where a duty stands in dates: what was done when, what is due when. */
static char *
describe_dates (ZichaDengbaoPage         *self,
                const ZichaDengbaoSystem *system,
                const ZichaDengbaoItem   *item)
{
  g_autofree char *due = format_iso (&item->due);
  g_autofree char *last = format_iso (&item->last);
  gboolean filing = item->duty == ZICHA_DENGBAO_FILING;

  switch (item->state)
    {
    case ZICHA_DENGBAO_NOT_APPLICABLE:
      if (system->level == ZICHA_DENGBAO_LEVEL_NONE)
        return g_strdup (_("No protection level given in the systems table"));
      return g_strdup (filing ? _("Not required below level 2") : _("Not required below level 3"));

    case ZICHA_DENGBAO_UNKNOWN:
      if (filing)
        return g_strdup (_("Needs the filing date, or the grading or go-live date"));
      if (item->duty == ZICHA_DENGBAO_ASSESSMENT)
        return g_strdup (_("Needs the last assessment date, or the filing date"));
      if (zicha_dengbao_schedule_has_column (self->schedule, ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK))
        return g_strdup (_("Needs the last self-check date"));
      return g_strdup (_("Needs the end date of this self-inspection"));

    case ZICHA_DENGBAO_DONE:
      if (filing && last == NULL)
        return g_strdup (_("Filing number given"));
      if (filing && item->late && due != NULL)
        return g_strdup_printf (_("Filed %s, after the due date %s"), last, due);
      if (filing)
        return g_strdup_printf (_("Filed %s"), last);
      return g_strdup_printf (_("Last done %s · next due %s"), last, due);

    case ZICHA_DENGBAO_DUE:
      if (filing)
        return g_strdup_printf (_("Due %s"), due);
      if (item->first)
        return g_strdup_printf (_("First assessment due %s"), due);
      return g_strdup_printf (_("Last done %s · due %s"), last, due);

    case ZICHA_DENGBAO_OVERDUE:
      if (filing)
        return g_strdup_printf (_("Was due %s"), due);
      if (item->first)
        return g_strdup_printf (_("First assessment was due %s"), due);
      return g_strdup_printf (_("Last done %s · was due %s"), last, due);

    default:
      g_return_val_if_reached (NULL);
    }
}

/* The icon and style class of a state. */
static void
get_look (const ZichaDengbaoItem  *item,
          const char             **icon,
          const char             **css_class)
{
  switch (item->state)
    {
    case ZICHA_DENGBAO_OVERDUE:
      *icon = "dialog-error-symbolic";
      *css_class = "error";
      break;
    case ZICHA_DENGBAO_DUE:
      *icon = "alarm-symbolic";
      *css_class = item->days_left <= ZICHA_DENGBAO_REMINDER_DAYS ? "warning" : NULL;
      break;
    case ZICHA_DENGBAO_DONE:
      *icon = "emblem-ok-symbolic";
      *css_class = "success";
      break;
    case ZICHA_DENGBAO_UNKNOWN:
      *icon = "dialog-question-symbolic";
      *css_class = "dim-label";
      break;
    case ZICHA_DENGBAO_NOT_APPLICABLE:
    default:
      *icon = "action-unavailable-symbolic";
      *css_class = "dim-label";
      break;
    }
}

/* Widgets ----------------------------------------------------------------- */

/* Group titles and descriptions are markup: names typed by users are not. */
static AdwPreferencesGroup *
add_group (ZichaDengbaoPage *self,
           const char       *title,
           const char       *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      adw_preferences_group_set_title (group, escaped);
    }
  if (description != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_preferences_group_set_description (group, escaped);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
  g_ptr_array_add (self->groups, group);
  return group;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
set_focus_key (GtkWidget  *widget,
               const char *key)
{
  g_object_set_data_full (G_OBJECT (widget), FOCUS_KEY, g_strdup (key), g_free);
  return widget;
}

static void
jump_clicked_cb (GtkButton        *button,
                 ZichaDengbaoPage *self)
{
  ZichaFormItem *item = g_object_get_data (G_OBJECT (button), "item");
  const char *row_id = g_object_get_data (G_OBJECT (button), "row-id");

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item, row_id);
}

/* A button that takes the user to @item (in @row_id). */
static GtkWidget *
new_jump_button (ZichaDengbaoPage *self,
                 GtkWidget        *button,
                 ZichaFormItem    *item,
                 const char       *row_id)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "item", item);
  g_object_set_data_full (G_OBJECT (button), "row-id", g_strdup (row_id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (jump_clicked_cb), self, 0);
  return button;
}

/* An empty state, in a group of its own: the page holds only groups. */
static AdwStatusPage *
add_status (ZichaDengbaoPage *self,
            const char       *title,
            const char       *description)
{
  AdwPreferencesGroup *group = add_group (self, NULL, NULL);
  GtkWidget *status = adw_status_page_new ();
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "security-high-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), escaped);
  gtk_widget_add_css_class (status, "compact");
  adw_preferences_group_add (group, status);
  return ADW_STATUS_PAGE (status);
}

/* The summary --------------------------------------------------------------- */

typedef gboolean (*ItemFilter) (const ZichaDengbaoItem *item);

static gboolean
is_overdue (const ZichaDengbaoItem *item)
{
  return item->state == ZICHA_DENGBAO_OVERDUE;
}

static gboolean
is_due_soon (const ZichaDengbaoItem *item)
{
  return item->state == ZICHA_DENGBAO_DUE && item->days_left <= ZICHA_DENGBAO_REMINDER_DAYS;
}

static gboolean
is_unknown (const ZichaDengbaoItem *item)
{
  return item->state == ZICHA_DENGBAO_UNKNOWN;
}

/* "System · duty" per line for the duties @filter picks, the first few. */
static char *
list_duties (ZichaDengbaoPage *self,
             ItemFilter        filter)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = zicha_dengbao_schedule_get_n_systems (self->schedule);
  guint found = 0;

  for (guint i = 0; i < n; i++)
    {
      const ZichaDengbaoSystem *system = zicha_dengbao_schedule_get_system (self->schedule, i);

      for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
        {
          if (!filter (&system->items[d]))
            continue;
          if (++found > MAX_NAMED_DUTIES)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, "%s · %s", system_name (system), zicha_dengbao_duty_get_label (d));
        }
    }

  if (found > MAX_NAMED_DUTIES)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 found - MAX_NAMED_DUTIES),
                              found - MAX_NAMED_DUTIES);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The duty whose deadline is @date, "System · duty", or NULL. */
static char *
describe_next (ZichaDengbaoPage *self,
               const GDate      *date)
{
  guint n = zicha_dengbao_schedule_get_n_systems (self->schedule);

  for (guint i = 0; i < n && g_date_valid (date); i++)
    {
      const ZichaDengbaoSystem *system = zicha_dengbao_schedule_get_system (self->schedule, i);

      for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
        {
          const ZichaDengbaoItem *item = &system->items[d];

          if ((item->state == ZICHA_DENGBAO_DUE || item->state == ZICHA_DENGBAO_DONE) &&
              g_date_valid (&item->due) && g_date_compare (&item->due, date) == 0)
            return g_strdup_printf ("%s · %s", system_name (system), zicha_dengbao_duty_get_label (d));
        }
    }
  return NULL;
}

static void
add_count_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               guint                count,
               const char          *css_class)
{
  GtkWidget *row = new_row (title, subtitle);
  g_autofree char *number = g_strdup_printf ("%u", count);
  g_autofree char *key = g_strconcat ("count:", title, NULL);
  GtkWidget *label = gtk_label_new (number);

  set_focus_key (row, key);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, count > 0 && css_class != NULL ? css_class : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

/* Which rules fall back because the form lacks a per-system date. */
static char *
describe_missing_columns (ZichaDengbaoPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!zicha_dengbao_schedule_has_column (self->schedule, ZICHA_DENGBAO_COLUMN_GRADED) &&
      !zicha_dengbao_schedule_has_column (self->schedule, ZICHA_DENGBAO_COLUMN_WENT_LIVE))
    g_string_append (text, _("The form has no grading or go-live date per system: a system not yet filed "
                             "has no filing deadline here, nor a first assessment."));
  if (!zicha_dengbao_schedule_has_column (self->schedule, ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK))
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, _("The form has no self-check date per system: the end date of this "
                               "self-inspection counts for every system."));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
add_summary (ZichaDengbaoPage *self)
{
  ZichaDengbaoSummary summary;
  AdwPreferencesGroup *group;
  GDate today;
  g_autofree char *today_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *due_soon = NULL;
  g_autofree char *due_soon_title = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *next = NULL;
  g_autofree char *next_duty = NULL;
  g_autofree char *missing = NULL;
  GtkWidget *row;

  zicha_dengbao_schedule_get_summary (self->schedule, &summary);
  zicha_dengbao_schedule_get_today (self->schedule, &today);
  today_text = format_iso (&today);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u system in the systems table. Filing, level assessment "
                                              "and self-check deadlines as of today, %s.",
                                              "%u systems in the systems table. Filing, level assessment "
                                              "and self-check deadlines as of today, %s.",
                                              summary.n_systems),
                                 summary.n_systems, today_text);
  group = add_group (self, _("Overview"), description);

  overdue = list_duties (self, is_overdue);
  add_count_row (group, _("Overdue"), overdue, summary.n_overdue, "error");

  due_soon = list_duties (self, is_due_soon);
  due_soon_title = g_strdup_printf (_("Due within %d days"), ZICHA_DENGBAO_REMINDER_DAYS);
  add_count_row (group, due_soon_title, due_soon, summary.n_due_soon, "warning");

  unknown = list_duties (self, is_unknown);
  add_count_row (group, _("Dates missing"), unknown, summary.n_unknown, "warning");

  next = format_iso (&summary.next_due);
  next_duty = describe_next (self, &summary.next_due);
  row = set_focus_key (new_row (_("Next deadline"), next_duty), "next");
  {
    GtkWidget *label = gtk_label_new (next != NULL ? next : "—");

    gtk_widget_add_css_class (label, "numeric");
    if (next == NULL)
      gtk_widget_add_css_class (label, "dim-label");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  }
  adw_preferences_group_add (group, row);

  missing = describe_missing_columns (self);
  if (missing != NULL)
    {
      row = set_focus_key (new_row (_("About the dates"), missing), "about");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-information-symbolic"));
      adw_preferences_group_add (group, row);
    }
}

/* One system ------------------------------------------------------------------- */

static void
add_duty_row (ZichaDengbaoPage         *self,
              AdwPreferencesGroup      *group,
              const ZichaDengbaoSystem *system,
              const ZichaDengbaoItem   *item)
{
  g_autofree char *dates = describe_dates (self, system, item);
  g_autofree char *state = zicha_dengbao_item_dup_state_text (item);
  GtkWidget *row = new_row (zicha_dengbao_duty_get_label (item->duty), dates);
  g_autofree char *key = g_strdup_printf ("duty:%s:%u", system->row_id, item->duty);
  const char *icon_name, *css_class;
  GtkWidget *icon, *label;

  set_focus_key (row, key);
  get_look (item, &icon_name, &css_class);
  icon = gtk_image_new_from_icon_name (icon_name);
  label = gtk_label_new (state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
  if (css_class != NULL)
    {
      gtk_widget_add_css_class (icon, css_class);
      gtk_widget_add_css_class (label, css_class);
    }
  if (item->state == ZICHA_DENGBAO_OVERDUE)
    gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (item->state == ZICHA_DENGBAO_NOT_APPLICABLE)
    gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (group, row);
}

static void
add_system (ZichaDengbaoPage         *self,
            ZichaFormItem            *systems,
            const ZichaDengbaoSystem *system)
{
  gboolean editable = zicha_report_session_is_editable (self->session);
  const char *level = level_label (systems, system);
  g_autoptr(GString) description = g_string_new (level != NULL ? level : _("Level not given"));
  AdwPreferencesGroup *group;
  ZichaFormItem *column = first_column (systems);

  if (*system->owner != '\0')
    {
      g_string_append (description, " · ");
      g_string_append_printf (description, _("Responsible: %s"), system->owner);
    }
  group = add_group (self, system_name (system), description->str);

  if (column != NULL)
    {
      const char *tooltip = editable ? _("Edit in the Systems Table") : _("Show in the Systems Table");
      GtkWidget *button = gtk_button_new_from_icon_name (editable ? "document-edit-symbolic" : "view-reveal-symbolic");
      g_autofree char *key = g_strconcat ("system:", system->row_id, NULL);

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_add_css_class (button, "flat");
      set_focus_key (button, key);
      adw_preferences_group_set_header_suffix (group, new_jump_button (self, button, column, system->row_id));
    }

  for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
    add_duty_row (self, group, system, &system->items[d]);
}

static gboolean
has_overdue (const ZichaDengbaoSystem *system)
{
  for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
    if (system->items[d].state == ZICHA_DENGBAO_OVERDUE)
      return TRUE;
  return FALSE;
}

/* Systems with an overdue duty first, each part in table order. */
static void
add_systems (ZichaDengbaoPage *self,
             ZichaFormItem    *systems)
{
  guint n = zicha_dengbao_schedule_get_n_systems (self->schedule);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const ZichaDengbaoSystem *system = zicha_dengbao_schedule_get_system (self->schedule, i);

        if (has_overdue (system) == (pass == 0))
          add_system (self, systems, system);
      }
}

/* Threat notices ------------------------------------------------------------------ */

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The time left (or the state) of a notice, styled by urgency, and the
 * row's icon, which turns to an error once the deadline has passed. */
static void
update_time_left (GtkLabel    *label,
                  GtkImage    *icon,
                  ZichaNotice *notice,
                  GDateTime   *platform_now)
{
  static const char * const classes[] = { "error", "warning", "success", "dim-label" };
  g_autofree char *text = zicha_notice_format_time_left (notice, platform_now);
  const char *css_class;

  if (zicha_notice_is_overdue (notice, platform_now))
    gtk_image_set_from_icon_name (icon, "dialog-error-symbolic");
  else if (zicha_notice_is_pending (notice))
    gtk_image_set_from_icon_name (icon, "dialog-warning-symbolic");
  else
    gtk_image_set_from_icon_name (icon, "emblem-ok-symbolic");

  if (!zicha_notice_is_pending (notice))
    css_class = zicha_notice_get_state (notice) == ZICHA_NOTICE_WITHDRAWN ? "dim-label" : "success";
  else if (zicha_notice_is_overdue (notice, platform_now))
    css_class = "error";
  else if (zicha_notice_time_left (notice, platform_now) < ZICHA_NOTICE_REMINDER_HOURS * G_TIME_SPAN_HOUR)
    css_class = "warning";
  else
    css_class = NULL;

  gtk_label_set_label (label, text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}

/* Hours pass between rebuilds: only the labels and icons change. */
static gboolean
clock_tick_cb (gpointer data)
{
  ZichaDengbaoPage *self = data;
  g_autoptr(GDateTime) now = zicha_store_get_platform_now (zicha_report_session_get_store (self->session), NULL);

  for (guint i = 0; i < self->time_labels->len; i++)
    {
      GtkLabel *label = self->time_labels->pdata[i];

      update_time_left (label, g_object_get_data (G_OBJECT (label), "icon"),
                        g_object_get_data (G_OBJECT (label), "notice"), now);
    }
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
new_notice_row (ZichaDengbaoPage    *self,
                ZichaNotice         *notice,
                const ZichaFeedback *feedback,
                GDateTime           *platform_now)
{
  g_autofree char *title = g_strdup_printf ("%s · %s", zicha_notice_type_to_label (zicha_notice_get_notice_type (notice)),
                                            zicha_notice_get_target (notice));
  g_autofree char *detected = format_local_time (zicha_notice_get_detected_at (notice));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *severity = zicha_notice_severity_to_label (zicha_notice_get_severity (notice));
  const char *description = zicha_notice_get_description (notice);
  GtkWidget *row, *label, *icon;

  /* Where the unit's feedback is first: a long description cannot push
   * it out of sight. */
  if (feedback != NULL)
    {
      g_autofree char *state = zicha_feedback_describe_state (feedback);

      g_string_append_printf (subtitle, "%s\n", state);
    }
  /* TRANSLATORS: when the platform detected a threat; %s is a date and time */
  g_string_append_printf (subtitle, _("Detected %s"), detected);
  if (*severity != '\0')
    g_string_append_printf (subtitle, " · %s", severity);
  if (*description != '\0')
    g_string_append_printf (subtitle, " · %s", description);

  row = new_row (title, subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  {
    g_autofree char *key = g_strconcat ("notice:", zicha_notice_get_id (notice), NULL);

    set_focus_key (row, key);
  }

  icon = gtk_image_new ();
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  label = gtk_label_new (NULL);
  gtk_widget_add_css_class (label, "numeric");
  g_object_set_data_full (G_OBJECT (label), "notice", g_object_ref (notice), g_object_unref);
  g_object_set_data (G_OBJECT (label), "icon", icon);
  update_time_left (GTK_LABEL (label), GTK_IMAGE (icon), notice, platform_now);
  if (zicha_notice_is_pending (notice))
    g_ptr_array_add (self->time_labels, label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  /* The window's feedback dialog, as on the start screen. */
  if (feedback != NULL || zicha_notice_is_pending (notice))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (feedback != NULL ? _("_View Feedback")
                                                                         : _("Give _Feedback…"));
      g_autofree char *key = g_strconcat ("feedback:", zicha_notice_get_id (notice), NULL);

      set_focus_key (button, key);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.give-feedback");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", zicha_notice_get_id (notice));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
add_notices (ZichaDengbaoPage *self)
{
  guint n = self->notices != NULL ? zicha_notice_suggestions_get_n_notices (self->notices) : 0;
  GDateTime *now;
  AdwPreferencesGroup *group;
  g_autofree char *description = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  GDate first, last;

  if (n == 0)
    return;

  now = zicha_notice_suggestions_get_platform_now (self->notices);
  zicha_notice_suggestions_get_period (self->notices, &first, &last);
  first_text = format_iso (&first);
  last_text = format_iso (&last);
  description = g_strdup_printf (_("From the platform, for this report: the notices detected from %s to %s, and "
                                   "any still open. Each is rectified within 72 hours and answered with feedback."),
                                 first_text, last_text);
  /* TRANSLATORS: 威胁通报, notices of threats the platform found */
  group = add_group (self, _("Threat Notices"), description);

  for (guint i = 0; i < n; i++)
    adw_preferences_group_add (group,
                               new_notice_row (self, zicha_notice_suggestions_get_notice (self->notices, i),
                                               zicha_notice_suggestions_get_feedback (self->notices, i), now));
}

/* Writing suggestions ------------------------------------------------------------ */

static void
show_error (ZichaDengbaoPage *self,
            const GError     *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("The Suggestion Was Not Added"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A new row of the measures table with the suggestion's values. @added
 * becomes TRUE once the row is there, even if a value then fails. */
static gboolean
add_measure_row (ZichaDengbaoPage             *self,
                 ZichaFormItem                *measures,
                 const ZichaReportSuggestion  *suggestion,
                 gboolean                     *added,
                 GError                      **error)
{
  const struct
  {
    const char *column;
    const char *text;
  } cells[] = {
    { "problem", suggestion->problem },
    { "measure", suggestion->measure },
    { "owner", suggestion->owner },
    { "deadline", suggestion->deadline_iso },
    { "status", suggestion->status },
  };
  g_autofree char *row_id = zicha_report_session_add_row (self->session, measures, error);

  if (row_id == NULL)
    return FALSE;
  *added = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      ZichaFormItem *column = zicha_form_item_lookup_column (measures, cells[i].column);

      if (column == NULL || cells[i].text == NULL || *cells[i].text == '\0')
        continue;
      if (!zicha_report_session_set_text (self->session, column, row_id, cells[i].text, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* @paragraph at the end of the problems text, unless it is there already. */
static gboolean
append_problems (ZichaDengbaoPage  *self,
                 ZichaFormItem     *problems,
                 const char        *paragraph,
                 GError           **error)
{
  g_autofree char *current = zicha_report_session_get_text (self->session, problems, NULL);
  g_autoptr(GString) text = NULL;

  if (strstr (current, paragraph) != NULL)
    return TRUE;

  text = g_string_new (current);
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  g_string_append (text, paragraph);
  if (!zicha_report_session_set_text (self->session, problems, NULL, text->str, FALSE, error))
    return FALSE;

  g_signal_emit (self, signals[ITEM_EDITED], 0, problems);
  return TRUE;
}

/* Every suggestion of @schedule then of @notices (nullable), in the
 * order the page lists them and Add All numbers them. */
static GPtrArray *
collect_suggestions (ZichaDengbaoSchedule   *schedule,
                     ZichaNoticeSuggestions *notices)
{
  GPtrArray *suggestions = g_ptr_array_new ();

  for (guint i = 0; i < zicha_dengbao_schedule_get_n_suggestions (schedule); i++)
    g_ptr_array_add (suggestions, (gpointer) zicha_dengbao_schedule_get_suggestion (schedule, i));
  for (guint i = 0; notices != NULL && i < zicha_notice_suggestions_get_n_notices (notices); i++)
    g_ptr_array_add (suggestions, (gpointer) zicha_notice_suggestions_get_suggestion (notices, i));
  return suggestions;
}

/* A suggestion half written when an edit failed: the step it began is
 * taken back, so that the next click does not add a second row. FALSE
 * when that failed too. */
static gboolean
undo_failed_step (ZichaDengbaoPage *self)
{
  g_autoptr(GError) error = NULL;

  if (zicha_report_session_undo (self->session, NULL, &error))
    return TRUE;
  g_message ("Could not take back the suggestion added in part: %s", error->message);
  return FALSE;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The Add button of the next suggestion still offered after @row, else
 * of the one before; NULL when there is none. */
static GtkWidget *
find_neighbour_add_button (GtkWidget *row)
{
  for (GtkWidget *other = gtk_widget_get_next_sibling (row); other != NULL; other = gtk_widget_get_next_sibling (other))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (other), "add-button");

      if (button != NULL && gtk_widget_is_sensitive (button))
        return button;
    }
  for (GtkWidget *other = gtk_widget_get_prev_sibling (row); other != NULL; other = gtk_widget_get_prev_sibling (other))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (other), "add-button");

      if (button != NULL && gtk_widget_is_sensitive (button))
        return button;
    }
  return NULL;
}

/* The row and the sentence are one undo step: Ctrl+Z takes back the
 * whole suggestion. */
static void
accept_clicked_cb (GtkButton        *button,
                   ZichaDengbaoPage *self)
{
  /* Of the schedule or notices the row was made from (the button holds
   * them), whatever came since. */
  const ZichaReportSuggestion *suggestion = g_object_get_data (G_OBJECT (button), "suggestion");
  ZichaFormItem *measures = lookup_table (self, ZICHA_REPORT_MEASURES_PATH);
  ZichaFormItem *problems = lookup_problems (self);
  g_autofree char *paragraph = g_strconcat (suggestion->sentence, "。", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  gboolean had_focus = has_focus_within (row != NULL ? row : GTK_WIDGET (button));
  gboolean added = FALSE;

  /* Gone from the list at the next schedule; no second click until then.
   * The focus goes on to the next suggestion, now and after the rebuild,
   * or into the group when this was the last. */
  if (had_focus && row != NULL)
    {
      GtkWidget *next = find_neighbour_add_button (row);

      g_free (self->focus_after_add);
      self->focus_after_add = g_strdup (next != NULL ? g_object_get_data (G_OBJECT (next), FOCUS_KEY)
                                                     : FOCUS_SUGGESTIONS);
      if (next != NULL)
        gtk_widget_grab_focus (next);
    }
  if (row != NULL)
    gtk_widget_set_sensitive (row, FALSE);

  if (zicha_report_session_begin_undo_step (self->session, &error))
    {
      if (add_measure_row (self, measures, suggestion, &added, &error))
        append_problems (self, problems, paragraph, &error);
      zicha_report_session_end_undo_step (self->session);
    }
  if (error != NULL)
    {
      gboolean undone = !added || undo_failed_step (self);

      g_clear_pointer (&self->focus_after_add, g_free);
      show_error (self, error);
      if (row != NULL && undone)
        {
          gtk_widget_set_sensitive (row, TRUE);
          if (had_focus)
            gtk_widget_grab_focus (GTK_WIDGET (button));
        }
    }
}

static void
accept_all_clicked_cb (GtkButton        *button,
                       ZichaDengbaoPage *self)
{
  g_autoptr(GPtrArray) suggestions = collect_suggestions (g_object_get_data (G_OBJECT (button), "schedule"),
                                                          g_object_get_data (G_OBJECT (button), "notices"));
  ZichaFormItem *measures = lookup_table (self, ZICHA_REPORT_MEASURES_PATH);
  ZichaFormItem *problems = lookup_problems (self);
  /* Numbered 一是…；二是…。 as the 自查报告 lists problems. */
  g_autofree char *paragraph = zicha_report_suggestions_dup_problems_text (suggestions);
  g_autoptr(GError) error = NULL;
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_PREFERENCES_GROUP);
  gboolean had_focus = has_focus_within (group != NULL ? group : GTK_WIDGET (button));
  gboolean added = FALSE;

  /* After the rebuild the focus goes to what the group holds then. */
  if (had_focus)
    {
      g_free (self->focus_after_add);
      self->focus_after_add = g_strdup (FOCUS_SUGGESTIONS);
    }
  if (group != NULL)
    gtk_widget_set_sensitive (group, FALSE);

  /* All of them, one undo step. */
  if (zicha_report_session_begin_undo_step (self->session, &error))
    {
      for (guint i = 0; i < suggestions->len; i++)
        {
          const ZichaReportSuggestion *suggestion = suggestions->pdata[i];

          if (!suggestion->in_report && !add_measure_row (self, measures, suggestion, &added, &error))
            break;
        }
      if (error == NULL && paragraph != NULL)
        append_problems (self, problems, paragraph, &error);
      zicha_report_session_end_undo_step (self->session);
    }
  if (error != NULL)
    {
      gboolean undone = !added || undo_failed_step (self);

      g_clear_pointer (&self->focus_after_add, g_free);
      show_error (self, error);
      if (group != NULL && undone)
        {
          gtk_widget_set_sensitive (group, TRUE);
          if (had_focus)
            gtk_widget_grab_focus (GTK_WIDGET (button));
        }
    }
}

/* Suggestions ------------------------------------------------------------------- */

static void
add_detail (GtkGrid    *grid,
            guint       line,
            const char *key,
            const char *value)
{
  GtkWidget *key_label = new_label (key, "dim-label");
  GtkWidget *value_label = new_label (value != NULL && *value != '\0' ? value : "—", NULL);

  gtk_label_set_wrap (GTK_LABEL (key_label), FALSE);
  gtk_widget_set_valign (key_label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (grid, key_label, 0, line, 1, 1);
  gtk_grid_attach (grid, value_label, 1, line, 1, 1);
}

/* The button keeps the object that owns @suggestion alive. */
static GtkWidget *
new_suggestion_row (ZichaDengbaoPage            *self,
                    ZichaFormItem               *measures,
                    const ZichaReportSuggestion *suggestion,
                    GObject                     *owner,
                    gboolean                     can_write)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = new_label (suggestion->problem, "heading");
  GtkWidget *grid = gtk_grid_new ();
  /* What names the suggestion in the rebuilt page: its system and duty,
   * or its notice. */
  g_autofree char *id = suggestion->source == ZICHA_REPORT_SUGGESTION_NOTICE
                        ? g_strconcat ("notice:", suggestion->notice_id, NULL)
                        : g_strdup_printf ("dengbao:%s:%u", suggestion->row_id, suggestion->duty);
  g_autofree char *row_key = g_strconcat ("suggestion:", id, NULL);

  set_focus_key (row, row_key);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), suggestion->problem);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (suggestion->source == ZICHA_REPORT_SUGGESTION_NOTICE)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      /* TRANSLATORS: what a suggestion for the report comes from */
      const char *source = _("From a threat notice");

      gtk_widget_set_tooltip_text (icon, source);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, source, -1);
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (header), icon);
    }
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  if (can_write)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add to Report"));
      g_autofree char *key = g_strconcat ("add:", id, NULL);

      set_focus_key (button, key);
      g_object_set_data (G_OBJECT (row), "add-button", button);
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "suggestion", (gpointer) suggestion);
      g_object_set_data_full (G_OBJECT (button), "owner", g_object_ref (owner), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (accept_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (header), button);
    }
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), new_label (suggestion->sentence, NULL));

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_add_css_class (grid, "caption");
  add_detail (GTK_GRID (grid), 0, column_label (measures, "measure", _("Measure")), suggestion->measure);
  add_detail (GTK_GRID (grid), 1, column_label (measures, "owner", _("Responsible")), suggestion->owner);
  add_detail (GTK_GRID (grid), 2, column_label (measures, "deadline", _("Deadline")), suggestion->deadline_iso);
  add_detail (GTK_GRID (grid), 3, column_label (measures, "status", _("Status")),
              option_label (measures, "status", suggestion->status));
  gtk_box_append (GTK_BOX (box), grid);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* Where accepted suggestions went, to edit them there. */
static GtkWidget *
new_in_report_row (ZichaDengbaoPage *self,
                   guint             n_in_report,
                   ZichaFormItem    *problems,
                   ZichaFormItem    *measures)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u suggestion is in the report",
                                                         "%u suggestions are in the report",
                                                         n_in_report),
                                            n_in_report);
  GtkWidget *row = set_focus_key (new_row (title, _("Edit their wording and measures on the report’s pages.")),
                                  "in-report");
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (problems != NULL)
    gtk_box_append (GTK_BOX (buttons),
                    new_jump_button (self, set_focus_key (gtk_button_new_with_mnemonic (_("_Problems")), "problems"),
                                     problems, NULL));
  if (measures != NULL && first_column (measures) != NULL)
    gtk_box_append (GTK_BOX (buttons),
                    new_jump_button (self, set_focus_key (gtk_button_new_with_mnemonic (_("_Measures")), "measures"),
                                     zicha_form_item_lookup_column (measures, "problem") ?: first_column (measures),
                                     NULL));
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
  return row;
}

/* The overdue duties, then the threat notices. */
static void
add_suggestions (ZichaDengbaoPage *self)
{
  g_autoptr(GPtrArray) suggestions = collect_suggestions (self->schedule, self->notices);
  guint n_dengbao = zicha_dengbao_schedule_get_n_suggestions (self->schedule);
  ZichaFormItem *measures = lookup_table (self, ZICHA_REPORT_MEASURES_PATH);
  ZichaFormItem *problems = lookup_problems (self);
  gboolean editable = zicha_report_session_is_editable (self->session);
  gboolean can_write = editable && measures != NULL && problems != NULL;
  AdwPreferencesGroup *group;
  guint n_pending = 0;

  if (suggestions->len == 0)
    return;

  for (guint i = 0; i < suggestions->len; i++)
    if (!((const ZichaReportSuggestion *) suggestions->pdata[i])->in_report)
      n_pending++;

  group = add_group (self, _("Suggested for the Report"),
                     !editable
                     ? _("This report can no longer be changed: take these into a new revision.")
                     : can_write
                     ? _("Each overdue duty and each threat notice of the report is a problem to report and a "
                         "measure to plan. Adding one writes its sentence at the end of the main problems and a "
                         "row into the rectification measures.")
                     : _("This form has no place for them: write them into the report yourself."));
  self->suggestions_group = GTK_WIDGET (group);

  if (can_write && n_pending > 1)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Add A_ll"));

      set_focus_key (button, "add-all");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "schedule", g_object_ref (self->schedule), g_object_unref);
      if (self->notices != NULL)
        g_object_set_data_full (G_OBJECT (button), "notices", g_object_ref (self->notices), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (accept_all_clicked_cb), self, 0);
      adw_preferences_group_set_header_suffix (group, button);
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      const ZichaReportSuggestion *suggestion = suggestions->pdata[i];
      GObject *owner = i < n_dengbao ? G_OBJECT (self->schedule) : G_OBJECT (self->notices);

      if (!suggestion->in_report)
        adw_preferences_group_add (group, new_suggestion_row (self, measures, suggestion, owner, can_write));
    }

  if (n_pending < suggestions->len)
    adw_preferences_group_add (group, new_in_report_row (self, suggestions->len - n_pending, problems, measures));
}

/* Building -------------------------------------------------------------------- */

/* The 等级保护 part without systems: why there is nothing to follow. */
static void
add_no_systems (ZichaDengbaoPage *self,
                ZichaFormItem    *systems)
{
  AdwStatusPage *status;
  GtkWidget *button;
  ZichaFormItem *column;

  if (systems == NULL)
    {
      add_status (self, _("No Systems Table"),
                  _("This form does not list information systems, so there are no graded protection "
                    "deadlines to follow."));
      return;
    }

  status = add_status (self, _("No Systems Listed"),
                       _("Systems of level 2 and above are filed with the public security organ within "
                         "30 days of grading; systems of level 3 and above are assessed and self-checked "
                         "every year or half year. List the unit’s systems with their dates to follow "
                         "these deadlines here."));
  column = first_column (systems);
  if (column != NULL)
    {
      button = set_focus_key (gtk_button_new_with_mnemonic (_("_Go to the Systems Table")), "go-to-systems");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      adw_status_page_set_child (status, new_jump_button (self, button, column, NULL));
    }
}

/* Keeping the focus ------------------------------------------------------------- */

/* The FOCUS_KEY of what has the focus when it is on the page (@on_page);
 * NULL when that has none. */
static char *
dup_focused_key (ZichaDengbaoPage *self,
                 gboolean         *on_page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  *on_page = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  for (; *on_page && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    if (g_object_get_data (G_OBJECT (focus), FOCUS_KEY) != NULL)
      return g_strdup (g_object_get_data (G_OBJECT (focus), FOCUS_KEY));
  return NULL;
}

static GtkWidget *
find_focus_key (GtkWidget  *root,
                const char *key)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (root), FOCUS_KEY), key) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_focus_key (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget with @key in the rebuilt page; when it is gone (an added
 * suggestion), the first control of the suggestions, else of the page. */
static void
restore_focus (ZichaDengbaoPage *self,
               const char       *key)
{
  GtkWidget *widget = key != NULL ? find_focus_key (GTK_WIDGET (self), key) : NULL;

  if (widget != NULL && gtk_widget_grab_focus (widget))
    return;
  if (key != NULL &&
      (g_str_has_prefix (key, "add") || g_str_has_prefix (key, "suggestion:") || g_str_equal (key, FOCUS_SUGGESTIONS)) &&
      self->suggestions_group != NULL &&
      gtk_widget_child_focus (self->suggestions_group, GTK_DIR_TAB_FORWARD))
    return;
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* Rebuilding ---------------------------------------------------------------------- */

static void
refresh (ZichaDengbaoPage *self)
{
  ZichaFormItem *systems = lookup_table (self, ZICHA_DENGBAO_TABLE_PATH);
  gboolean has_systems = systems != NULL && zicha_dengbao_schedule_get_n_systems (self->schedule) > 0;
  gboolean had_focus;
  g_autofree char *focus_key = dup_focused_key (self, &had_focus);

  /* After an added suggestion: where its click sent the focus. */
  if (self->focus_after_add != NULL)
    {
      g_free (focus_key);
      focus_key = g_steal_pointer (&self->focus_after_add);
      had_focus = TRUE;
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->stale = FALSE;
  self->suggestions_group = NULL;
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->time_labels, 0);

  if (has_systems)
    add_summary (self);
  add_notices (self);
  add_suggestions (self);
  if (has_systems)
    add_systems (self, systems);
  else
    add_no_systems (self, systems);

  /* Keyboard and screen reader users stay where they were. */
  if (had_focus)
    restore_focus (self, focus_key);
}

static gboolean
refresh_cb (gpointer data)
{
  ZichaDengbaoPage *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* A rebuild soon, one for all that changes meanwhile; when the page is
 * shown again if it is off screen. */
static void
queue_refresh (ZichaDengbaoPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (REFRESH_PRIORITY, refresh_cb, self, NULL);
}

void
zicha_dengbao_page_set_deadlines (ZichaDengbaoPage       *self,
                                  ZichaDengbaoSchedule   *schedule,
                                  ZichaNoticeSuggestions *notices)
{
  g_return_if_fail (ZICHA_IS_DENGBAO_PAGE (self));
  g_return_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (schedule));
  g_return_if_fail (notices == NULL || ZICHA_IS_NOTICE_SUGGESTIONS (notices));

  g_set_object (&self->schedule, schedule);
  g_set_object (&self->notices, notices);
  queue_refresh (self);
}

ZichaDengbaoSchedule *
zicha_dengbao_page_get_schedule (ZichaDengbaoPage *self)
{
  g_return_val_if_fail (ZICHA_IS_DENGBAO_PAGE (self), NULL);

  return self->schedule;
}

ZichaNoticeSuggestions *
zicha_dengbao_page_get_notices (ZichaDengbaoPage *self)
{
  g_return_val_if_fail (ZICHA_IS_DENGBAO_PAGE (self), NULL);

  return self->notices;
}

static void
zicha_dengbao_page_map (GtkWidget *widget)
{
  ZichaDengbaoPage *self = ZICHA_DENGBAO_PAGE (widget);

  GTK_WIDGET_CLASS (zicha_dengbao_page_parent_class)->map (widget);

  if (self->stale)
    refresh (self);
  else
    clock_tick_cb (self);
  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (CLOCK_SECONDS, clock_tick_cb, self);
}

static void
zicha_dengbao_page_unmap (GtkWidget *widget)
{
  ZichaDengbaoPage *self = ZICHA_DENGBAO_PAGE (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  /* Done when it is shown again. */
  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      self->stale = TRUE;
    }
  g_clear_pointer (&self->focus_after_add, g_free);

  GTK_WIDGET_CLASS (zicha_dengbao_page_parent_class)->unmap (widget);
}

static void
zicha_dengbao_page_dispose (GObject *object)
{
  ZichaDengbaoPage *self = ZICHA_DENGBAO_PAGE (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->focus_after_add, g_free);
  self->suggestions_group = NULL;
  g_clear_object (&self->session);
  g_clear_object (&self->schedule);
  g_clear_object (&self->notices);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->time_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_dengbao_page_parent_class)->dispose (object);
}

static void
zicha_dengbao_page_class_init (ZichaDengbaoPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zicha_dengbao_page_dispose;
  GTK_WIDGET_CLASS (klass)->map = zicha_dengbao_page_map;
  GTK_WIDGET_CLASS (klass)->unmap = zicha_dengbao_page_unmap;

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2,
                                          ZICHA_TYPE_FORM_ITEM, G_TYPE_STRING);
  signals[ITEM_EDITED] = g_signal_new ("item-edited",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1,
                                       ZICHA_TYPE_FORM_ITEM);
}

static void
zicha_dengbao_page_init (ZichaDengbaoPage *self)
{
  self->groups = g_ptr_array_new ();
  self->time_labels = g_ptr_array_new ();
}

GtkWidget *
zicha_dengbao_page_new (ZichaReportSession     *session,
                        ZichaDengbaoSchedule   *schedule,
                        ZichaNoticeSuggestions *notices)
{
  ZichaDengbaoPage *self;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);
  g_return_val_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (schedule), NULL);
  g_return_val_if_fail (notices == NULL || ZICHA_IS_NOTICE_SUGGESTIONS (notices), NULL);

  self = g_object_new (ZICHA_TYPE_DENGBAO_PAGE, NULL);
  self->session = g_object_ref (session);
  self->schedule = g_object_ref (schedule);
  self->notices = notices != NULL ? g_object_ref (notices) : NULL;
  /* TRANSLATORS: the report's page of deadlines: the 等级保护 duties of its
   * systems and the platform's threat notices (威胁通报), with what to
   * write about them in the report; 期限与整改 */
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Deadlines"));
  refresh (self);

  return GTK_WIDGET (self);
}
