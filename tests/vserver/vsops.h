/*
 * vsops.h: every operation of the VServer binding once, for transcripts
 */
#ifndef VSOPS_H
# define VSOPS_H

# include "vserver_binding.h"
# include "vsfake.h"

/* Calls every operation on context 42 (network device 3) and notes each
 * one and its result (values, or the error) in @f's log. */
void vsopsRunAll(vserverBinding *b, vsfake *f);

#endif /* VSOPS_H */
