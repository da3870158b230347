/* zicha-field-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-evidence-button.h"
#include "zicha-field-row.h"

struct _ZichaFieldRow
{
  AdwPreferencesRow   parent_instance;

  ZichaReportSession *session;
  ZichaFormItem      *item;
  char               *row_uuid;
  GtkWidget          *input;
  GPtrArray          *checks;    /* multi_choice: one GtkCheckButton per option */
  gboolean            loading;   /* setting the widget from the store: do not save */

  GtkBox             *line_box;
  GtkBox             *block_box;
  GtkLabel           *title_label;
  GtkLabel           *hint_label;
  GtkLabel           *problem_label;
};

G_DEFINE_FINAL_TYPE (ZichaFieldRow, zicha_field_row, ADW_TYPE_PREFERENCES_ROW)

static const char * const yes_no_values[] = { NULL, "yes", "no", "na" };

static void
report_save_error (ZichaFieldRow *self,
                   const GError  *error)
{
  /* The store refused: show it where the user is looking. */
  zicha_field_row_set_problem (self, error->message, TRUE);
}

static void
save_text (ZichaFieldRow *self,
           const char    *text)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  if (!zicha_report_session_set_text (self->session, self->item, self->row_uuid, text, TRUE, &error))
    report_save_error (self, error);
}

static void
save_value (ZichaFieldRow *self,
            JsonNode      *value)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  if (!zicha_report_session_set_value (self->session, self->item, self->row_uuid, value, FALSE, &error))
    report_save_error (self, error);
}

static void
editable_changed_cb (ZichaFieldRow *self,
                     GtkEditable   *editable)
{
  save_text (self, gtk_editable_get_text (editable));
}

static void
buffer_changed_cb (ZichaFieldRow *self,
                   GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  save_text (self, text);
}

static void
choice_selected_cb (ZichaFieldRow *self,
                    GParamSpec    *pspec,
                    GtkDropDown   *drop_down)
{
  g_autoptr(JsonNode) value = NULL;
  guint selected = gtk_drop_down_get_selected (drop_down);
  const char *chosen = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    {
      if (zicha_form_item_get_item_type (self->item) == ZICHA_FORM_ITEM_YES_NO)
        chosen = yes_no_values[selected];
      else
        chosen = zicha_form_item_get_option (self->item, selected - 1)->value;
    }

  if (chosen != NULL)
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, chosen);
    }
  save_value (self, value);
}

static void
check_toggled_cb (ZichaFieldRow  *self,
                  GtkCheckButton *check)
{
  g_autoptr(JsonArray) chosen = json_array_new ();
  g_autoptr(JsonNode) value = NULL;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      json_array_add_string_element (chosen, zicha_form_item_get_option (self->item, i)->value);

  if (json_array_get_length (chosen) > 0)
    {
      value = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (value, chosen);
    }
  save_value (self, value);
}

/* Building ------------------------------------------------------------ */

static GtkWidget *
build_entry (ZichaFieldRow *self)
{
  GtkWidget *entry = gtk_entry_new ();
  guint max_length = zicha_form_item_get_max_length (self->item);

  switch (zicha_form_item_get_item_type (self->item))
    {
    case ZICHA_FORM_ITEM_DATE:
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      break;
    case ZICHA_FORM_ITEM_DECIMAL:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      break;
    case ZICHA_FORM_ITEM_INTEGER:
      /* Not a GtkSpinButton: it always holds a number and writes 0 back
       * on focus changes, which would answer counts nobody entered. */
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      break;
    case ZICHA_FORM_ITEM_CODE:
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 22);
      break;
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
    case ZICHA_FORM_ITEM_CHOICE:
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
    case ZICHA_FORM_ITEM_YES_NO:
    case ZICHA_FORM_ITEM_TABLE:
    default:
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 24);
      break;
    }

  if (max_length > 0)
    gtk_entry_set_max_length (GTK_ENTRY (entry), max_length);

  g_signal_connect_object (entry, "changed", G_CALLBACK (editable_changed_cb), self, G_CONNECT_SWAPPED);
  return entry;
}

static GtkWidget *
build_drop_down (ZichaFieldRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  gtk_string_list_append (labels, _("Not answered"));

  if (zicha_form_item_get_item_type (self->item) == ZICHA_FORM_ITEM_YES_NO)
    {
      gtk_string_list_append (labels, _("Yes"));
      gtk_string_list_append (labels, _("No"));
      if (zicha_form_item_get_not_applicable (self->item))
        gtk_string_list_append (labels, _("Not applicable"));
    }
  else
    {
      for (guint i = 0; i < zicha_form_item_get_n_options (self->item); i++)
        gtk_string_list_append (labels,
                                zicha_localized_text_get_for_locale (zicha_form_item_get_option (self->item, i)->label));
    }

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (choice_selected_cb), self, G_CONNECT_SWAPPED);
  return drop_down;
}

static GtkWidget *
build_checks (ZichaFieldRow *self)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);

  self->checks = g_ptr_array_new ();
  for (guint i = 0; i < zicha_form_item_get_n_options (self->item); i++)
    {
      const ZichaFormOption *option = zicha_form_item_get_option (self->item, i);
      GtkWidget *check = gtk_check_button_new_with_label (zicha_localized_text_get_for_locale (option->label));

      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
      g_ptr_array_add (self->checks, check);
    }

  return flow;
}

static GtkWidget *
build_text_view (ZichaFieldRow *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  self->input = view;
  return frame;
}

static char *
describe_hint (ZichaFormItem *item)
{
  g_autoptr(GString) hint = g_string_new (NULL);
  const ZichaLocalizedText *guidance = zicha_form_item_get_guidance (item);
  const ZichaLocalizedText *unit = zicha_form_item_get_unit (item);

  if (guidance != NULL)
    g_string_append (hint, zicha_localized_text_get_for_locale (guidance));

  if (unit != NULL)
    {
      if (hint->len > 0)
        g_string_append (hint, "\n");
      g_string_append_printf (hint, _("Unit: %s"), zicha_localized_text_get_for_locale (unit));
    }

  return hint->len > 0 ? g_string_free (g_steal_pointer (&hint), FALSE) : NULL;
}

static void
build (ZichaFieldRow *self)
{
  ZichaFormItemType type = zicha_form_item_get_item_type (self->item);
  const char *label = zicha_localized_text_get_for_locale (zicha_form_item_get_label (self->item));
  g_autofree char *title = NULL;
  g_autofree char *hint = describe_hint (self->item);
  GtkWidget *outer = NULL;

  /* A required field says so in its label, not only in colour. */
  if (zicha_form_item_is_required (self->item) && zicha_form_item_get_required_condition (self->item) == NULL)
    title = g_strdup_printf (_("%s (required)"), label);
  else
    title = g_strdup (label);
  gtk_label_set_label (self->title_label, title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);

  if (hint != NULL)
    {
      gtk_label_set_label (self->hint_label, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
    }

  switch (type)
    {
    case ZICHA_FORM_ITEM_LONG_TEXT:
      outer = build_text_view (self);
      break;
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      outer = self->input = build_checks (self);
      break;
    case ZICHA_FORM_ITEM_CHOICE:
    case ZICHA_FORM_ITEM_YES_NO:
      self->input = build_drop_down (self);
      break;
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_INTEGER:
    case ZICHA_FORM_ITEM_DECIMAL:
    case ZICHA_FORM_ITEM_DATE:
    case ZICHA_FORM_ITEM_CODE:
    case ZICHA_FORM_ITEM_TABLE:
    default:
      self->input = build_entry (self);
      break;
    }

  if (outer != NULL)
    {
      gtk_box_append (self->block_box, outer);
      gtk_widget_set_visible (GTK_WIDGET (self->block_box), TRUE);
    }
  else
    {
      gtk_widget_set_valign (self->input, GTK_ALIGN_CENTER);
      gtk_box_append (self->line_box, self->input);
    }

  /* Evidence for this answer: a paperclip, and files dropped on the row. */
  {
    GtkWidget *evidence = zicha_evidence_button_new (self->session, self->item, self->row_uuid);

    gtk_box_append (self->line_box, evidence);
    gtk_widget_add_controller (GTK_WIDGET (self),
                               GTK_EVENT_CONTROLLER (zicha_evidence_button_create_drop_target (ZICHA_EVIDENCE_BUTTON (evidence))));
  }

  /* Screen readers hear the label, the hint and any problem. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (zicha_form_item_is_required (self->item))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->input),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                    -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->hint_label, self->problem_label, NULL,
                                  -1);

  if (!zicha_report_session_is_editable (self->session))
    gtk_widget_set_sensitive (self->input, FALSE);
}

/* Loading -------------------------------------------------------------- */

static void
load (ZichaFieldRow *self)
{
  ZichaFormItemType type = zicha_form_item_get_item_type (self->item);
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *text = NULL;

  self->loading = TRUE;

  switch (type)
    {
    case ZICHA_FORM_ITEM_LONG_TEXT:
      text = zicha_report_session_get_text (self->session, self->item, self->row_uuid);
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->input));
        g_autofree char *current = NULL;
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (g_strcmp0 (current, text) != 0)
          gtk_text_buffer_set_text (buffer, text, -1);
      }
      break;

    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      value = zicha_report_session_get_value (self->session, self->item, self->row_uuid);
      for (guint i = 0; i < self->checks->len; i++)
        {
          const char *option = zicha_form_item_get_option (self->item, i)->value;
          gboolean active = FALSE;

          if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *array = json_node_get_array (value);

              for (guint j = 0; j < json_array_get_length (array); j++)
                if (g_strcmp0 (json_array_get_string_element (array, j), option) == 0)
                  active = TRUE;
            }
          gtk_check_button_set_active (self->checks->pdata[i], active);
        }
      break;

    case ZICHA_FORM_ITEM_CHOICE:
    case ZICHA_FORM_ITEM_YES_NO:
      text = zicha_report_session_get_text (self->session, self->item, self->row_uuid);
      {
        guint selected = 0;

        if (type == ZICHA_FORM_ITEM_YES_NO)
          {
            for (guint i = 1; i < G_N_ELEMENTS (yes_no_values); i++)
              if (g_strcmp0 (text, yes_no_values[i]) == 0)
                selected = i;
          }
        else
          {
            for (guint i = 0; i < zicha_form_item_get_n_options (self->item); i++)
              if (g_strcmp0 (text, zicha_form_item_get_option (self->item, i)->value) == 0)
                selected = i + 1;
          }
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), selected);
      }
      break;

    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_INTEGER:
    case ZICHA_FORM_ITEM_DECIMAL:
    case ZICHA_FORM_ITEM_DATE:
    case ZICHA_FORM_ITEM_CODE:
    case ZICHA_FORM_ITEM_TABLE:
    default:
      text = zicha_report_session_get_text (self->session, self->item, self->row_uuid);
      /* Leave the text alone while it is what the user is typing. */
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->input)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->input), text);
      break;
    }

  self->loading = FALSE;
}

/* Validation -------------------------------------------------------------- */

static void
validated_cb (ZichaFieldRow   *self,
              ZichaValidation *validation)
{
  const ZichaProblem *shown = NULL;
  guint n = zicha_validation_get_n_problems (validation);

  /* Only the fields that apply are shown (relevant conditions). */
  gtk_widget_set_visible (GTK_WIDGET (self), zicha_validation_is_relevant (validation, self->item, self->row_uuid));

  /* The first error, else the first warning, of this very field. */
  for (guint i = 0; i < n; i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);

      if (problem->item != self->item || g_strcmp0 (problem->row_id, self->row_uuid) != 0)
        continue;
      /* The label already says “required”; an empty field is listed on
       * the review page, not flagged in red before the user got to it. */
      if (g_strcmp0 (problem->check, "required") == 0)
        continue;
      if (shown == NULL || (problem->severity == ZICHA_SEVERITY_ERROR && shown->severity != ZICHA_SEVERITY_ERROR))
        shown = problem;
    }

  zicha_field_row_set_problem (self,
                               shown != NULL ? zicha_problem_get_message (shown) : NULL,
                               shown != NULL && shown->severity == ZICHA_SEVERITY_ERROR);
}

/* GObject ---------------------------------------------------------------- */

static void
zicha_field_row_dispose (GObject *object)
{
  ZichaFieldRow *self = ZICHA_FIELD_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZICHA_TYPE_FIELD_ROW);
  g_clear_object (&self->session);
  g_clear_object (&self->item);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_field_row_parent_class)->dispose (object);
}

static void
zicha_field_row_finalize (GObject *object)
{
  ZichaFieldRow *self = ZICHA_FIELD_ROW (object);

  g_free (self->row_uuid);

  G_OBJECT_CLASS (zicha_field_row_parent_class)->finalize (object);
}

static void
zicha_field_row_class_init (ZichaFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zicha_field_row_dispose;
  object_class->finalize = zicha_field_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaFieldRow, line_box);
  gtk_widget_class_bind_template_child (widget_class, ZichaFieldRow, block_box);
  gtk_widget_class_bind_template_child (widget_class, ZichaFieldRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaFieldRow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaFieldRow, problem_label);
}

static void
zicha_field_row_init (ZichaFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zicha_field_row_new (ZichaReportSession *session,
                     ZichaFormItem      *item,
                     const char         *row_uuid)
{
  ZichaFieldRow *self;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);
  g_return_val_if_fail (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE, NULL);

  self = g_object_new (ZICHA_TYPE_FIELD_ROW, NULL);
  self->session = g_object_ref (session);
  self->item = g_object_ref (item);
  self->row_uuid = g_strdup (row_uuid);

  build (self);
  load (self);

  g_signal_connect_object (session, "validated", G_CALLBACK (validated_cb), self, G_CONNECT_SWAPPED);
  if (zicha_report_session_get_validation (session) != NULL)
    validated_cb (self, zicha_report_session_get_validation (session));

  return GTK_WIDGET (self);
}

ZichaFormItem *
zicha_field_row_get_item (ZichaFieldRow *self)
{
  g_return_val_if_fail (ZICHA_IS_FIELD_ROW (self), NULL);

  return self->item;
}

const char *
zicha_field_row_get_row_uuid (ZichaFieldRow *self)
{
  g_return_val_if_fail (ZICHA_IS_FIELD_ROW (self), NULL);

  return self->row_uuid;
}

void
zicha_field_row_reload (ZichaFieldRow *self)
{
  g_return_if_fail (ZICHA_IS_FIELD_ROW (self));

  load (self);
}

void
zicha_field_row_set_problem (ZichaFieldRow *self,
                             const char    *message,
                             gboolean       is_error)
{
  GtkWidget *label;

  g_return_if_fail (ZICHA_IS_FIELD_ROW (self));

  label = GTK_WIDGET (self->problem_label);
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (message != NULL)
    gtk_widget_add_css_class (label, is_error ? "error" : "warning");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL && is_error ? GTK_ACCESSIBLE_INVALID_TRUE
                                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

GtkWidget *
zicha_field_row_get_input (ZichaFieldRow *self)
{
  g_return_val_if_fail (ZICHA_IS_FIELD_ROW (self), NULL);

  return self->input;
}

const char *
zicha_field_row_get_problem (ZichaFieldRow *self)
{
  g_return_val_if_fail (ZICHA_IS_FIELD_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
         ? gtk_label_get_label (self->problem_label) : NULL;
}
