#include "xs-test.h"
int main(void){ return unit_finish("xs-core"); }
