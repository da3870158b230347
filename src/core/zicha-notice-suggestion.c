/* zicha-notice-suggestion.c — the threat notices a report speaks of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are in zicha-notice-suggestion.h.
 */
#define G_LOG_DOMAIN "zicha-notice-suggestion"

#include "config.h"

#include <string.h>

#include "zicha-document-format.h"
#include "zicha-notice-suggestion.h"

typedef struct
{
  ZichaNotice           *notice;
  const ZichaFeedback   *feedback;  /* the newest, in self->feedback; or NULL */
  ZichaReportSuggestion  suggestion;
} Entry;

struct _ZichaNoticeSuggestions
{
  GObject    parent_instance;

  GDate      first;
  GDate      last;
  GDateTime *platform_now;
  GPtrArray *feedback;  /* ZichaFeedback*, as given; entries point into it */
  GArray    *entries;   /* Entry */
};

G_DEFINE_FINAL_TYPE (ZichaNoticeSuggestions, zicha_notice_suggestions, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->notice);
  zicha_report_suggestion_clear (&entry->suggestion);
}

static void
zicha_notice_suggestions_finalize (GObject *object)
{
  ZichaNoticeSuggestions *self = ZICHA_NOTICE_SUGGESTIONS (object);

  g_array_unref (self->entries);
  g_clear_pointer (&self->feedback, g_ptr_array_unref);
  g_clear_pointer (&self->platform_now, g_date_time_unref);

  G_OBJECT_CLASS (zicha_notice_suggestions_parent_class)->finalize (object);
}

static void
zicha_notice_suggestions_class_init (ZichaNoticeSuggestionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_notice_suggestions_finalize;
}

static void
zicha_notice_suggestions_init (ZichaNoticeSuggestions *self)
{
  g_date_clear (&self->first, 1);
  g_date_clear (&self->last, 1);
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

/* Dates -------------------------------------------------------------------- */

static void
get_local_date (GDateTime *time,
                GDate     *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
}

/* 2026年11月25日 */
static char *
format_day (GDateTime *time)
{
  GDate date;

  get_local_date (time, &date);
  return zicha_document_format_date (&date, FALSE);
}

/* 2026年11月28日 10:30, as the printed 整改反馈单 gives times. */
static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y年%-m月%-d日 %H:%M");
}

/* A date item of the answers; FALSE when the form lacks it or it is
 * unanswered. */
static gboolean
get_answer_date (ZichaAnswers *answers,
                 const char   *path,
                 GDate        *date)
{
  ZichaFormItem *item = zicha_form_lookup_item (zicha_answers_get_form (answers), path, NULL);
  JsonNode *value;

  g_date_clear (date, 1);
  if (item == NULL || zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_DATE)
    return FALSE;
  value = zicha_answers_get_value (answers, item, NULL);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return FALSE;
  return zicha_document_parse_date (json_node_get_string (value), date);
}

/* The year, widened to the self-inspection's dates in the year before or
 * after: a mistyped year elsewhere does not pull in a decade. */
static void
compute_period (ZichaNoticeSuggestions *self,
                ZichaAnswers           *answers,
                int                     year)
{
  GDate start, end;

  g_date_set_dmy (&self->first, 1, G_DATE_JANUARY, (GDateYear) year);
  g_date_set_dmy (&self->last, 31, G_DATE_DECEMBER, (GDateYear) year);

  if (get_answer_date (answers, ZICHA_NOTICE_SUGGESTION_START_PATH, &start) &&
      g_date_get_year (&start) == (GDateYear) (year - 1))
    self->first = start;
  if (get_answer_date (answers, ZICHA_NOTICE_SUGGESTION_END_PATH, &end) &&
      g_date_get_year (&end) == (GDateYear) (year + 1))
    self->last = end;
}

/* @feedback: the notice's newest usable feedback, or NULL. */
static gboolean
belongs_in_report (ZichaNoticeSuggestions *self,
                   ZichaNotice            *notice,
                   const ZichaFeedback    *feedback)
{
  ZichaNoticeState state = zicha_notice_get_state (notice);
  GDate detected;

  if (state == ZICHA_NOTICE_WITHDRAWN)
    return FALSE;

  get_local_date (zicha_notice_get_detected_at (notice), &detected);
  if (g_date_compare (&detected, &self->last) > 0)
    return FALSE;
  if (g_date_compare (&detected, &self->first) >= 0 || zicha_notice_is_pending (notice))
    return TRUE;
  /* Answered before the period, but not rectified yet: still open. */
  return state != ZICHA_NOTICE_RESOLVED && feedback != NULL && !feedback->rectified;
}

/* Wording ------------------------------------------------------------------- */

/* The target, set off by spaces where it meets Chinese with Latin text
 * (a URL, an IP address); a Chinese name runs on. */
static void
append_target (GString    *out,
               const char *target)
{
  const char *end = target + strlen (target);

  if (*target == '\0')
    return;
  if (out->len > 0 && g_utf8_get_char (target) < 0x80)
    g_string_append_c (out, ' ');
  g_string_append (out, target);
  if (g_utf8_get_char (g_utf8_find_prev_char (target, end)) < 0x80)
    g_string_append_c (out, ' ');
}

/* "https://… 存在弱口令（2026年11月25日 10:30威胁通报）": with the time,
 * so that two notices of one target on one day stay two problems. */
static char *
dup_problem (ZichaNotice *notice)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *detected = format_time (zicha_notice_get_detected_at (notice));
  const char *target = zicha_notice_get_target (notice);

  if (*target == '\0')
    g_string_append (text, "本单位");
  append_target (text, target);
  g_string_append_printf (text, "存在%s（%s威胁通报）", zicha_notice_type_to_chinese (zicha_notice_get_notice_type (notice)),
                          detected);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "2026年11月25日，平台远程检测发现本单位 https://… 存在弱口令（高危）" */
static void
append_finding (GString     *out,
                ZichaNotice *notice)
{
  g_autofree char *detected = format_day (zicha_notice_get_detected_at (notice));
  const char *severity = zicha_notice_severity_to_chinese (zicha_notice_get_severity (notice));

  g_string_append_printf (out, "%s，平台远程检测发现本单位", detected);
  append_target (out, zicha_notice_get_target (notice));
  g_string_append_printf (out, "存在%s", zicha_notice_type_to_chinese (zicha_notice_get_notice_type (notice)));
  if (severity != NULL)
    g_string_append_printf (out, "（%s）", severity);
}

/* Where it stands, and what that means for the 整改措施 row. */
static void
describe_state (ZichaNoticeSuggestions *self,
                ZichaNotice            *notice,
                const ZichaFeedback    *feedback,
                ZichaReportSuggestion  *suggestion,
                GString                *sentence)
{
  ZichaNoticeState state = zicha_notice_get_state (notice);
  gboolean rectified = feedback != NULL && feedback->rectified;
  /* Feedback still in the outbox has not reached the platform. */
  gboolean delivered = feedback == NULL || feedback->state == ZICHA_FEEDBACK_ACKNOWLEDGED;
  const char *reported = delivered ? "并反馈" : "，反馈待报送平台";
  g_autofree char *deadline_time = format_time (zicha_notice_get_deadline (notice));
  GDate deadline;

  get_local_date (zicha_notice_get_deadline (notice), &deadline);

  if (rectified || state == ZICHA_NOTICE_RESOLVED)
    {
      suggestion->status = ZICHA_REPORT_STATUS_DONE;
      if (rectified && feedback->completed_at != NULL)
        {
          g_autofree char *completed = format_day (feedback->completed_at);

          g_string_append_printf (sentence, "，已于%s完成整改%s", completed, reported);
          get_local_date (feedback->completed_at, &deadline);
        }
      else if (rectified)
        g_string_append_printf (sentence, "，已完成整改%s", reported);
      else
        g_string_append (sentence, "，已完成整改，经平台确认");
    }
  else if (feedback != NULL || state == ZICHA_NOTICE_ANSWERED)
    {
      suggestion->status = ZICHA_REPORT_STATUS_IN_PROGRESS;
      g_string_append (sentence, delivered ? "，已向平台反馈整改进展，整改尚未完成"
                                           : "，整改尚未完成，整改进展待报送平台");
    }
  else
    {
      suggestion->status = ZICHA_REPORT_STATUS_PLANNED;
      if (zicha_notice_is_overdue (notice, self->platform_now))
        g_string_append_printf (sentence, "，尚未完成整改，已超过%s的72小时整改期限", deadline_time);
      else
        g_string_append_printf (sentence, "，尚未完成整改，须于%s前整改并反馈", deadline_time);
    }

  zicha_report_suggestion_set_deadline (suggestion, &deadline);
}

static void
make_suggestion (ZichaNoticeSuggestions *self,
                 Entry                  *entry,
                 GHashTable             *problems_in_report)
{
  ZichaReportSuggestion *suggestion = &entry->suggestion;
  const ZichaFeedback *feedback = entry->feedback;
  g_autoptr(GString) sentence = g_string_new (NULL);

  suggestion->source = ZICHA_REPORT_SUGGESTION_NOTICE;
  suggestion->notice_id = g_strdup (zicha_notice_get_id (entry->notice));
  suggestion->problem = dup_problem (entry->notice);

  append_finding (sentence, entry->notice);
  describe_state (self, entry->notice, feedback, suggestion, sentence);
  suggestion->sentence = g_string_free (g_steal_pointer (&sentence), FALSE);

  if (feedback != NULL && feedback->measures != NULL && *feedback->measures != '\0')
    suggestion->measure = g_strstrip (g_strdup (feedback->measures));
  else
    suggestion->measure = g_strdup (ZICHA_NOTICE_SUGGESTION_MEASURE);
  suggestion->owner = g_strstrip (g_strdup (feedback != NULL && feedback->responsible != NULL
                                            ? feedback->responsible : ""));
  suggestion->in_report = g_hash_table_contains (problems_in_report, suggestion->problem);
}

/* The suggestions ------------------------------------------------------------ */

static int
compare_detected (gconstpointer a,
                  gconstpointer b)
{
  ZichaNotice *first = *(ZichaNotice * const *) a;
  ZichaNotice *second = *(ZichaNotice * const *) b;
  int order = g_date_time_compare (zicha_notice_get_detected_at (first), zicha_notice_get_detected_at (second));

  return order != 0 ? order : g_strcmp0 (zicha_notice_get_id (first), zicha_notice_get_id (second));
}

ZichaNoticeSuggestions *
zicha_notice_suggestions_new (ZichaAnswers *answers,
                              int           year,
                              GPtrArray    *notices,
                              GPtrArray    *feedback,
                              GDateTime    *platform_now)
{
  ZichaNoticeSuggestions *self;
  g_autoptr(GHashTable) newest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) problems_in_report = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  g_return_val_if_fail (ZICHA_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (year > 0 && year < 10000, NULL);
  g_return_val_if_fail (notices != NULL, NULL);
  g_return_val_if_fail (platform_now != NULL, NULL);

  self = g_object_new (ZICHA_TYPE_NOTICE_SUGGESTIONS, NULL);
  self->platform_now = g_date_time_ref (platform_now);
  compute_period (self, answers, year);

  /* Oldest first: the last one of a notice is its newest. */
  if (feedback != NULL)
    {
      self->feedback = g_ptr_array_ref (feedback);
      for (guint i = 0; i < feedback->len; i++)
        {
          const ZichaFeedback *one = feedback->pdata[i];

          /* Refused for good, it says nothing the platform accepted. */
          if (one->permanent_failure && one->state != ZICHA_FEEDBACK_ACKNOWLEDGED)
            continue;
          g_hash_table_insert (newest, one->notice_id, (gpointer) one);
        }
    }

  for (guint i = 0; i < notices->len; i++)
    if (belongs_in_report (self, notices->pdata[i],
                           g_hash_table_lookup (newest, zicha_notice_get_id (notices->pdata[i]))))
      g_ptr_array_add (chosen, notices->pdata[i]);
  g_ptr_array_sort (chosen, compare_detected);

  problems_in_report = zicha_report_collect_problems (answers);
  g_array_set_size (self->entries, chosen->len);
  for (guint i = 0; i < chosen->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      entry->notice = g_object_ref (chosen->pdata[i]);
      entry->feedback = g_hash_table_lookup (newest, zicha_notice_get_id (entry->notice));
      make_suggestion (self, entry, problems_in_report);
    }

  return self;
}

ZichaNoticeSuggestions *
zicha_notice_suggestions_new_from_store (ZichaStore    *store,
                                         ZichaAnswers  *answers,
                                         int            year,
                                         GError       **error)
{
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GPtrArray) feedback = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  notices = zicha_store_list_notices (store, error);
  if (notices == NULL)
    return NULL;
  feedback = zicha_store_list_feedback (store, NULL, error);
  if (feedback == NULL)
    return NULL;
  now = zicha_store_get_platform_now (store, NULL);

  return zicha_notice_suggestions_new (answers, year, notices, feedback, now);
}

void
zicha_notice_suggestions_get_period (ZichaNoticeSuggestions *self,
                                     GDate                  *first,
                                     GDate                  *last)
{
  g_return_if_fail (ZICHA_IS_NOTICE_SUGGESTIONS (self));

  if (first != NULL)
    *first = self->first;
  if (last != NULL)
    *last = self->last;
}

GDateTime *
zicha_notice_suggestions_get_platform_now (ZichaNoticeSuggestions *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE_SUGGESTIONS (self), NULL);

  return self->platform_now;
}

guint
zicha_notice_suggestions_get_n_notices (ZichaNoticeSuggestions *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE_SUGGESTIONS (self), 0);

  return self->entries->len;
}

static const Entry *
get_entry (ZichaNoticeSuggestions *self,
           guint                   index)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE_SUGGESTIONS (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return &g_array_index (self->entries, Entry, index);
}

ZichaNotice *
zicha_notice_suggestions_get_notice (ZichaNoticeSuggestions *self,
                                     guint                   index)
{
  const Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->notice : NULL;
}

const ZichaFeedback *
zicha_notice_suggestions_get_feedback (ZichaNoticeSuggestions *self,
                                       guint                   index)
{
  const Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->feedback : NULL;
}

const ZichaReportSuggestion *
zicha_notice_suggestions_get_suggestion (ZichaNoticeSuggestions *self,
                                         guint                   index)
{
  const Entry *entry = get_entry (self, index);

  return entry != NULL ? &entry->suggestion : NULL;
}
