/* zicha-dengbao-page.h — the report's deadlines: the 等级保护 filing,
 * assessment and self-check deadlines of every system, the platform's
 * threat notices (威胁通报) of the report with their 72 hours, and what
 * to write into the report about the overdue duties and the notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-dengbao-schedule.h"
#include "zicha-notice-suggestion.h"
#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_DENGBAO_PAGE (zicha_dengbao_page_get_type ())

G_DECLARE_FINAL_TYPE (ZichaDengbaoPage, zicha_dengbao_page, ZICHA, DENGBAO_PAGE, AdwPreferencesPage)

/* Shows @schedule and @notices (nullable: the store could not be read),
 * computed from @session's answers by the owner, who passes each new pair
 * to zicha_dengbao_page_set_deadlines().
 *
 * Emits "item-activated" (item, row UUID or NULL) when the user wants to
 * go to a field or a table row, and "item-edited" (item) after it wrote a
 * plain item itself (the problems text), so that views of it re-read it.
 * Table rows announce themselves through the session. */
GtkWidget              *zicha_dengbao_page_new           (ZichaReportSession     *session,
                                                          ZichaDengbaoSchedule   *schedule,
                                                          ZichaNoticeSuggestions *notices);
/* Rebuilt soon when the page is on screen, else when it is shown. */
void                    zicha_dengbao_page_set_deadlines (ZichaDengbaoPage       *self,
                                                          ZichaDengbaoSchedule   *schedule,
                                                          ZichaNoticeSuggestions *notices);
ZichaDengbaoSchedule   *zicha_dengbao_page_get_schedule (ZichaDengbaoPage     *self);
/* As last shown; NULL when the store could not be read. */
ZichaNoticeSuggestions *zicha_dengbao_page_get_notices  (ZichaDengbaoPage     *self);

G_END_DECLS
