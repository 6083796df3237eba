// Pauses Python's cyclic garbage collector while a document's objects are
// built: a large article allocates hundreds of thousands of container objects
// at once, and each 700 allocations would otherwise start a collection that
// walks them all. None of those objects form cycles.
#pragma once

#include <Python.h>

namespace copydesk::py {

class GcPause {
public:
    GcPause() : was_enabled_(PyGC_Disable() == 1) {}
    ~GcPause() {
        if (was_enabled_) PyGC_Enable();
    }
    GcPause(const GcPause&) = delete;
    GcPause& operator=(const GcPause&) = delete;

private:
    bool was_enabled_;
};

}  // namespace copydesk::py
