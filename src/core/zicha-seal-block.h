/* zicha-seal-block.h — the signature and seal block that ends a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   主要负责人（签字）：______        网络安全负责人（签字）：______
 *   联系人：张三                       联系电话：0591-87654321
 *                                            ╭ （单位公章）╮
 *                                              某某大学
 *                                          二〇一九年六月二十八日
 *
 * Kept together on one page; the seal area is a dashed circle of the size
 * of an official seal (42 mm) over the unit's name and the date, where
 * the stamp goes.
 */
#pragma once

#include "zicha-page-layout.h"

G_BEGIN_DECLS

typedef struct
{
  const char *unit_name;      /* nullable */
  const char *date;           /* nullable: a blank 年 月 日 to fill in */
  const char *contact_name;   /* nullable */
  const char *contact_phone;  /* nullable */
} ZichaSealBlock;

void   zicha_seal_block_add        (ZichaPageLayout      *layout,
                                    const ZichaSealBlock *block);
/* The room zicha_seal_block_add() takes, the space before it included. */
double zicha_seal_block_get_height (ZichaPageLayout      *layout);

G_END_DECLS
