// The bench's reference: a bare antd form with the components the wizard's first step shows
// (Card, Steps, Alert, Form, Input, Input.Password, Select, Switch, Button), nothing else.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { Alert, Button, Card, Form, Input, Select, Steps, Switch } from 'antd';

function Page() {
  return h(
    Card,
    { title: 'Deploy' },
    h(Steps, { current: 0, items: [{ title: 'Parameters' }, { title: 'Review' }, { title: 'Deploy' }] }),
    h(Alert, { type: 'info', title: 'Fill in the parameters' }),
    h(
      Form,
      { layout: 'vertical' },
      h(Form.Item, { label: 'Name', name: 'name', rules: [{ required: true }] }, h(Input)),
      h(Form.Item, { label: 'Password', name: 'password' }, h(Input.Password)),
      h(Form.Item, { label: 'Region', name: 'region' }, h(Select, { options: [{ value: 'cn-hangzhou', label: 'Hangzhou' }] })),
      h(Form.Item, { label: 'High availability', name: 'ha', valuePropName: 'checked' }, h(Switch)),
      h(Button, { type: 'primary', htmlType: 'submit' }, 'Next'),
    ),
  );
}

createRoot(document.getElementById('root')).render(h(Page));
