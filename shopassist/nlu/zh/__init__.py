"""Chinese NLU training data: templates, vocabulary and the generator (issue 11).

``python -m shopassist.nlu.zh.generate`` writes data/nlu/zh_*.yml; the English generator
(``shopassist.nlu.generate``) leaves those files alone.
"""
