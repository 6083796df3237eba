#include "common/zip/zip.hpp"
