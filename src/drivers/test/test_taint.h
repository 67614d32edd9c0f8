/*
 * test_taint.h: the taints libvirt's test driver finds in the domains of
 * a node file, and the messages virDomainGetMessages() gives for them
 */
#ifndef VIR_TEST_TAINT_H
# define VIR_TEST_TAINT_H

# include <libxml/tree.h>

# include "test_domain.h"

/* Marks @priv with what taints the domain written at @domnode, as
 * libvirt's test driver marks the domains of a node file (and no other). */
void testDomainTaintFromXML(testDomainPrivate *priv, xmlNodePtr domnode);

/* The messages of @priv for virDomainGetMessages(): "tainted: ..." and
 * "deprecated configuration: ...", as @flags selects (0: both), in
 * libvirt's order.  Returns their number; *@msgs is NULL-terminated, or
 * NULL when there are none. */
int testDomainTaintMessages(const testDomainPrivate *priv, unsigned int flags, char ***msgs);

#endif /* VIR_TEST_TAINT_H */
