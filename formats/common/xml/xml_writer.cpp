#include "common/xml/xml.hpp"
