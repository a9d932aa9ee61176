"""The window's panels, one per module, each with its model beside it. Every panel takes
the document it shows with ``set_document`` and follows it: a panel rebuilds its shape
(rows, columns, pools, spin boxes, axes) when the data set or the partner list changes."""
