#ifndef EMPIRIO_CYAML_SHIM_H
#define EMPIRIO_CYAML_SHIM_H
#include <yaml.h>
#endif
