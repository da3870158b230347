/* zicha-document-text.h — the fixed Chinese wording of the printed
 * documents, and which answers it is filled from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the 自查表 and the 自查报告 print that is neither the form's
 * own text nor an answer lives in zicha-document-text.c: it is the content
 * of the official template, not user interface, so it is not translated.
 *
 * Sentences are templates with placeholders in braces, filled by the
 * report builder (zicha-document-report.c):
 *
 *   {unit} {notice}                 the unit's name, the campaign notice
 *   {section.item}                  an answer, as plain text (no unit)
 *   {rows:section.table}            the number of rows of a table
 *   {rows:section.table[].column}   … rows whose cell is answered
 *   {rows:section.table[].column=v} … rows whose cell is v
 *   {yn:section.item:YES:NO}        YES or NO after a yes/no answer
 *   {yes:section.group}             the labels of the group's items
 *                                   answered yes, joined with 、
 *
 * A sentence with a placeholder that has no value (unanswered, not
 * relevant) is left out, so the report never prints a gap.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One paragraph of generated sentences. */
typedef struct
{
  const char * const *sentences;    /* NULL-terminated */
} ZichaDocumentFacts;

/* One of the five areas of 三、网络安全工作落实情况. */
typedef struct
{
  const char         *section;      /* the form section whose title heads it */
  const char * const *sentences;    /* NULL-terminated */
  const char * const *narratives;   /* NULL-terminated item paths, printed in order */
} ZichaDocumentArea;

typedef struct
{
  /* Both documents */
  const char *header_separator;     /* between "label：value" pairs of the form header */
  const char *guidance_prefix;      /* 填表说明： */
  const char *no_rows;              /* a table without rows */
  const char *not_applicable_cell;  /* a cell that does not apply to its row */
  const char *row_number;           /* 序号 */
  const char *band_caption;         /* a wide table printed in parts: {part} {parts} */
  const char *footer;               /* {page} {pages} */
  const char *verification;         /* {code} */
  const char *revision;             /* {revision} */
  const char *receipt;              /* {number} {time} */
  const char *watermark;            /* 草稿 */
  const char *yes, *no, *na;        /* 是 否 不适用 */
  const char *box_checked, *box_empty;

  /* Seal and signature block */
  const char *seal_mark;            /* （单位公章） */
  const char *signature_leader;     /* 主要负责人（签字）： */
  const char *signature_security;   /* 网络安全负责人（签字）： */
  const char *contact;              /* 联系人： */
  const char *contact_phone;        /* 联系电话： */
  const char *blank_date;           /* 年 月 日, to fill in by hand */
  const char *unit_path;            /* where the unit's name is answered */
  const char *contact_path;
  const char *contact_phone_paths[4]; /* the first answered one, NULL-terminated */

  /* 自查报告 */
  const char *report_title;         /* {unit}网络安全执法检查自查报告 */
  const char *addressee_suffix;     /* ： */
  const char * const *opening;      /* alternatives: the first that can be filled */
  const char *headings[6];          /* 一、基本情况 … 六、意见和建议 */
  const char *basic_subheadings[3];
  const ZichaDocumentFacts *basic_facts;  /* three paragraphs */
  const char * const *process_facts;
  const char * const *process_narratives;
  const ZichaDocumentArea *areas;   /* five */
  guint       n_areas;
  const char * const *problems_narratives;
  const char *rectification_table;  /* path of the 整改 table */
  const char *next_steps_heading;
  const char * const *next_steps_narratives;
  const char * const *suggestions_narratives;
  const char *not_filled;           /* a section the unit left empty */
} ZichaDocumentText;

/* The wording for the 2019 education-sector form (and, until a campaign
 * needs another, for every form). */
const ZichaDocumentText *zicha_document_text_get (void);

G_END_DECLS
