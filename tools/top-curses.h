/*
 * top-curses.h: virtkit-top's interactive screen (top-curses.c)
 */
#ifndef TOP_CURSES_H
# define TOP_CURSES_H

# include "virtkit-top.h"

/* Runs the screen until q (or -n screens); false after an error, which
 * is printed once the terminal is given back. */
bool topCursesRun(topControl *ctl);

#endif /* TOP_CURSES_H */
