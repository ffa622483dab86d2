import '../src/index';
