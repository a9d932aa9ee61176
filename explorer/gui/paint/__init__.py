"""Text the views paint themselves (the figures' rich runs, a label that never re-lays the window,
static text kept per font): the cost of a repaint after every move."""
