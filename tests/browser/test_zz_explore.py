import pytest
from tests.browser.conftest import *

@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_explore(page, live_server):
    print("URL", live_server.url)
    page.goto(live_server.url + "/accounts/signup/")
    print(page.locator("main form").inner_html())
    p = new_person("Ana")
    fill_signup_form(page, p, password="short1")
    print(page.locator("main form").inner_html())
    page.goto(live_server.url + "/accounts/signup/")
    fill_signup_form(page, p)
    print(page.url)
    page.goto(live_server.url + "/p/new/")
    print(page.locator("main form").inner_html()[:6000])
    r = _axe.run(page); print(r.violations_count, r.generate_report())
